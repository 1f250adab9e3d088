# Expected outputs of svy-power (test/47-power.bats) from R's pwr 1.3: the
# power as pwr computes it; n and the effect as pwr solves them, but by
# uniroot at tol 1e-12 (pwr's own tolerance, about 1e-4, is looser than the
# test). Mann-Whitney and Wilcoxon: the t test's power at n x A.R.E., as
# G*Power's A.R.E. method (3/pi for a normal parent). Writes ARGS SOLVED
# EFFECT POWER N N2 as TSV on standard output.
suppressMessages(library(pwr))
f17 <- function(x) if (is.null(x) || is.na(x)) "" else sprintf("%.17g", x)
alt <- function(a) if (is.null(a)) "two.sided" else sub("-", ".", a)
# pw(e, n, a, s): the power of a case at effect e, size n, alternative a and
# significance level s (--alpha; only t2 and chisq cases give one)
t2 <- function(e, n, a, s = 0.05) pwr.t.test(n = n, d = e, sig.level = s, type = "two.sample", alternative = a)$power
t1 <- function(e, n, a, s = 0.05) pwr.t.test(n = n, d = e, sig.level = s, type = "one.sample", alternative = a)$power
pd <- function(e, n, a, s = 0.05) pwr.t.test(n = n, d = e, sig.level = s, type = "paired", alternative = a)$power
are <- c(normal = 3 / pi, logistic = pi^2 / 9, laplace = 1.5, min = 0.864)
mw <- function(parent) function(e, n, a) pwr.t.test(n = n * are[[parent]], d = e, type = "two.sample", alternative = a)$power
wx <- function(parent) function(e, n, a) pwr.t.test(n = n * are[[parent]], d = e, type = "one.sample", alternative = a)$power
t2n <- function(n2) function(e, n, a) pwr.t2n.test(n1 = n, n2 = n2, d = e, alternative = a)$power
rr <- function(e, n, a) pwr.r.test(n = n, r = e, alternative = a)$power
chi <- function(df) function(e, n, a, s = 0.05) pwr.chisq.test(w = e, N = n, df = df, sig.level = s)$power
av <- function(k) function(e, n, a) pwr.anova.test(k = k, n = n, f = e)$power

tight <- function(f, lo, hi) uniroot(f, c(lo, hi), tol = 1e-12)$root
# case: svy arguments, the power function, effect, n, power (one NULL),
# alternative, the smallest n, the effect's search interval
case <- function(args, pw, e = NULL, n = NULL, power = NULL, a = NULL, nmin = 2, eint = c(1e-7, 10), n2 = NULL, s = 0.05) {
	a <- alt(a); solved <- "power"
	p <- function(e, n) if (s == 0.05) pw(e, n, a) else pw(e, n, a, s)
	if (is.null(power)) power <- p(e, n)
	else if (is.null(n)) { n <- tight(function(v) p(e, v) - power, nmin + 1e-10, 1e7); solved <- if (is.null(n2)) "n" else "n1" }
	else { e <- tight(function(v) p(v, n) - power, eint[1], eint[2]); solved <- "effect" }
	cat(args, solved, f17(e), f17(power), f17(n), f17(n2), sep = "\t"); cat("\n")
}
cat("args\tsolved\teffect\tpower\tn\tn2\n")
case("-m t2 --d 0.5 --power 0.8", t2, e = 0.5, power = 0.8)
case("-m t2 --d 0.5 --n 64", t2, e = 0.5, n = 64)
case("-m t2 --d 0.2 --power 0.9 --alpha 0.01", t2, e = 0.2, power = 0.9, s = 0.01)
case("-m t2 --d 0.5 --power 0.8 --alternative greater", t2, e = 0.5, power = 0.8, a = "greater")
case("-m t2 --d -0.5 --power 0.8 --alternative less", t2, e = -0.5, power = 0.8, a = "less")
case("-m t2 --d -0.3 --n 40", t2, e = -0.3, n = 40)
case("-m t2 --d 0.3 --n 40 --alternative less", t2, e = 0.3, n = 40, a = "less")
case("-m t2 --n 30 --power 0.8", t2, n = 30, power = 0.8)
case("-m t2 --n 30 --power 0.8 --alternative less", t2, n = 30, power = 0.8, a = "less", eint = c(-10, -1e-7))
case("-m t2 --n 2.5 --d 1.2", t2, e = 1.2, n = 2.5)
case("-m t1 --d 0.5 --power 0.8", t1, e = 0.5, power = 0.8)
case("-m t1 --d 0.8 --n 12 --alternative greater", t1, e = 0.8, n = 12, a = "greater")
case("-m paired --d 0.4 --power 0.95", pd, e = 0.4, power = 0.95)
case("-m paired --n 25 --power 0.8", pd, n = 25, power = 0.8)
case("-m t2 --d 0.5 --n 20 --n2 30", t2n(30), e = 0.5, n = 20, n2 = 30)
case("-m t2 --d 0.6 --power 0.8 --n2 50", t2n(50), e = 0.6, power = 0.8, n2 = 50)
case("-m t2 --d 0.5 --n 25 --n2 40 --alternative greater", t2n(40), e = 0.5, n = 25, n2 = 40, a = "greater")
case("-m t2 --n 20 --n2 30 --power 0.8", t2n(30), n = 20, n2 = 30, power = 0.8)
case("-m r --r 0.3 --n 50", rr, e = 0.3, n = 50)
case("-m r --r 0.3 --power 0.8", rr, e = 0.3, power = 0.8, nmin = 4)
case("-m r --r 0.25 --power 0.9 --alternative greater", rr, e = 0.25, power = 0.9, a = "greater", nmin = 4)
case("-m r --r -0.2 --n 100 --alternative less", rr, e = -0.2, n = 100, a = "less")
case("-m r --n 50 --power 0.8", rr, n = 50, power = 0.8, eint = c(1e-10, 1 - 1e-10))
case("-m chisq --w 0.3 --df 2 --power 0.8", chi(2), e = 0.3, power = 0.8, nmin = 1)
case("-m chisq --w 0.1 --df 5 --n 1000", chi(5), e = 0.1, n = 1000)
case("-m chisq --w 0.5 --df 1 --power 0.95 --alpha 0.01", chi(1), e = 0.5, power = 0.95, nmin = 1, s = 0.01)
case("-m chisq --n 200 --df 3 --power 0.8", chi(3), n = 200, power = 0.8, eint = c(1e-10, 10))
case("-m anova --f 0.25 --groups 4 --power 0.8", av(4), e = 0.25, power = 0.8)
case("-m anova --f 0.4 --groups 3 --n 20", av(3), e = 0.4, n = 20)
case("-m anova --n 30 --groups 5 --power 0.9", av(5), n = 30, power = 0.9, eint = c(1e-7, 10))
case("-m mw --d 0.5 --power 0.8", mw("normal"), e = 0.5, power = 0.8, nmin = 2 / are[["normal"]])
case("-m mw --d 0.5 --n 40", mw("normal"), e = 0.5, n = 40)
case("-m mw --d 0.5 --power 0.8 --parent laplace", mw("laplace"), e = 0.5, power = 0.8)
case("-m mw --d 0.8 --power 0.9 --parent min --alternative greater", mw("min"), e = 0.8, power = 0.9, a = "greater", nmin = 2 / 0.864)
case("-m wilcoxon --d 0.5 --power 0.8", wx("normal"), e = 0.5, power = 0.8, nmin = 2 / are[["normal"]])
case("-m wilcoxon --d 0.3 --n 60 --parent logistic", wx("logistic"), e = 0.3, n = 60)
