# Expected outputs of svy-model (test/46-model.bats) from R: lm, sandwich's
# vcovHC(type = "HC3"), glm(binomial) and MASS::polr, in svy-model's own
# output shape. Iterative fits are run to full precision (glm epsilon 1e-15,
# polr reltol 1e-15) so that the reference is the optimum, not where R's
# default tolerance stops. Profile-likelihood intervals are the exact roots
# (uniroot, tol 1e-12) of the signed root of the deviance difference, the
# function R's confint() interpolates by a spline.
suppressMessages({library(MASS); library(sandwich); library(ordinal)})
args <- commandArgs(TRUE)
f17 <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
out <- function(df, file) write.table(df, file, sep = "\t", quote = FALSE, row.names = FALSE, na = "")
coef_table <- function(term, kind, est, se, stat, sname, df, p, lo, hi, method, odds) {
	or <- if (odds) exp(est) else NA; orl <- if (odds) exp(lo) else NA; orh <- if (odds) exp(hi) else NA
	if (odds) { i <- term == "(Intercept)" | kind == "threshold"; or[i] <- NA; orl[i] <- NA; orh[i] <- NA }
	data.frame(term = term, kind = kind, estimate = f17(est), se = f17(se), statistic = f17(stat),
	           statistic_name = sname, df = f17(df), p = f17(p), ci_low = f17(lo), ci_high = f17(hi),
	           ci_method = method, odds_ratio = f17(or), or_low = f17(orl), or_high = f17(orh))
}
summary_table <- function(s) data.frame(statistic = names(s), value = unname(sapply(s, function(v) if (is.character(v)) v else f17(v))))

linear <- function(fml, d, prefix) {
	m <- lm(fml, d); s <- summary(m); cf <- s$coefficients; ci <- confint(m)
	out(coef_table(rownames(cf), "coefficient", cf[, 1], cf[, 2], cf[, 3], "t", m$df.residual, cf[, 4],
	               ci[, 1], ci[, 2], "Wald t", FALSE), paste0(prefix, "-coef.tsv"))
	se <- sqrt(diag(vcovHC(m, type = "HC3"))); t <- cf[, 1] / se; q <- qt(0.975, m$df.residual)
	out(coef_table(rownames(cf), "coefficient", cf[, 1], se, t, "t", m$df.residual,
	               2 * pt(-abs(t), m$df.residual), cf[, 1] - q * se, cf[, 1] + q * se, "Wald t, HC3", FALSE),
	    paste0(prefix, "-hc3.tsv"))
	fs <- s$fstatistic
	out(summary_table(list(model = "linear", outcome = all.vars(fml)[1], n = nobs(m),
		rows_dropped = nrow(d) - nobs(m), df_model = fs[[2]], df_residual = m$df.residual,
		r_squared = s$r.squared, adj_r_squared = s$adj.r.squared, f = fs[[1]],
		f_p = pf(fs[[1]], fs[[2]], fs[[3]], lower.tail = FALSE), sigma = s$sigma,
		loglik = as.numeric(logLik(m)), aic = AIC(m), bic = BIC(m), deviance = deviance(m),
		null_deviance = sum((m$model[[1]] - mean(m$model[[1]]))^2))), paste0(prefix, "-summary.tsv"))
}

profile_ci <- function(m, d, j) {
	X <- model.matrix(m); y <- m$y; b <- coef(m); dev <- deviance(m)
	f <- function(v) {
		off <- X[, j] * v
		# IRLS without step-halving diverges far out in the tail (mtcars),
		# from R's start and from the estimate alike: BFGS first, then
		# glm.fit from its optimum to full precision
		nll <- function(par) { e <- off + X[, -j, drop = FALSE] %*% par
			2 * sum(ifelse(y == 1, log1p(exp(-e)), log1p(exp(e)))) }
		gr <- function(par) { e <- off + X[, -j, drop = FALSE] %*% par
			-2 * colSums(X[, -j, drop = FALSE] * as.vector(y - plogis(e))) }
		o <- optim(b[-j], nll, gr, method = "BFGS", control = list(reltol = 1e-14, maxit = 10000))
		fit <- glm.fit(X[, -j, drop = FALSE], y, family = binomial(), offset = off,
		               start = o$par, control = glm.control(epsilon = 1e-15, maxit = 1000))
		r <- sqrt(max(min(fit$deviance, o$value) - dev, 0)); sign(v - b[j]) * r
	}
	z <- qnorm(0.975); se <- sqrt(diag(vcov(m)))[j]
	find <- function(side) {
		lo <- b[j]; hi <- b[j] + side * se
		while (side * f(hi) < side * side * z) { lo <- hi; hi <- hi + side * se }
		uniroot(function(v) f(v) - side * z, sort(c(lo, hi)), tol = 1e-12)$root
	}
	c(find(-1), find(1))
}

logistic <- function(fml, d, prefix) {
	m <- glm(fml, binomial, d, control = glm.control(epsilon = 1e-15, maxit = 200))
	cf <- summary(m)$coefficients; z <- qnorm(0.975)
	out(coef_table(rownames(cf), "coefficient", cf[, 1], cf[, 2], cf[, 3], "z", NA, cf[, 4],
	               cf[, 1] - z * cf[, 2], cf[, 1] + z * cf[, 2], "Wald z", TRUE), paste0(prefix, "-wald.tsv"))
	ci <- t(sapply(seq_len(ncol(model.matrix(m))), function(j) profile_ci(m, d, j)))
	out(coef_table(rownames(cf), "coefficient", cf[, 1], cf[, 2], cf[, 3], "z", NA, cf[, 4],
	               ci[, 1], ci[, 2], "profile likelihood", TRUE), paste0(prefix, "-coef.tsv"))
	n <- nobs(m); ll <- as.numeric(logLik(m)); ll0 <- -m$null.deviance / 2; k <- length(coef(m))
	out(summary_table(list(model = "logistic", outcome = all.vars(fml)[1], event = "1", n = n,
		rows_dropped = nrow(d) - n, df_model = k - 1, df_residual = m$df.residual,
		loglik = ll, aic = AIC(m), bic = BIC(m), deviance = deviance(m), null_deviance = m$null.deviance,
		lr_chi2 = m$null.deviance - deviance(m), lr_df = k - 1,
		lr_p = pchisq(m$null.deviance - deviance(m), k - 1, lower.tail = FALSE),
		mcfadden_r2 = 1 - ll / ll0,
		nagelkerke_r2 = (1 - exp(2 * (ll0 - ll) / n)) / (1 - exp(2 * ll0 / n)))),
		paste0(prefix, "-summary.tsv"))
}

# The Brant (1990) test of proportional odds, by hand (the brant package is
# not installable here; it computes the same): a binary logit of Y > m at
# each cut m, Var(b_m) = (X'W_m X)^-1, Cov(b_m, b_l) = (X'W_m X)^-1 X'W_ml X
# (X'W_l X)^-1 with W_ml = diag(pi_l - pi_m pi_l) for m < l, and the Wald
# statistic of the contrasts b_1 - b_m; per coefficient its own contrasts.
brant_rows <- function(X, y) {
	J <- max(y); K <- ncol(X); X1 <- cbind(1, X)
	fits <- lapply(1:(J - 1), function(m) glm.fit(X1, as.numeric(y > m), family = binomial(),
		control = glm.control(epsilon = 1e-15, maxit = 200)))
	b <- unlist(lapply(fits, function(f) coef(f)[-1]))
	pis <- sapply(fits, fitted)
	# a separated binary logit has no estimates: svy names it, as here
	if (any(pis < 1e-8 | pis > 1 - 1e-8) || !all(sapply(fits, `[[`, "converged")))
		return(list(brant_note = "a binary logit at a cut is separated or does not converge"))
	inv <- lapply(1:(J - 1), function(m) solve(crossprod(X1 * pis[, m] * (1 - pis[, m]), X1)))
	V <- matrix(0, (J - 1) * K, (J - 1) * K)
	blk <- function(m) ((m - 1) * K + 1):(m * K)
	for (m in 1:(J - 1)) for (l in m:(J - 1)) {
		C <- if (m == l) inv[[m]] else inv[[m]] %*% crossprod(X1 * (pis[, l] - pis[, m] * pis[, l]), X1) %*% inv[[l]]
		V[blk(m), blk(l)] <- C[-1, -1]; V[blk(l), blk(m)] <- t(C[-1, -1])
	}
	D <- do.call(rbind, lapply(2:(J - 1), function(m) { r <- matrix(0, K, (J - 1) * K)
		r[, blk(1)] <- diag(K); r[, blk(m)] <- -diag(K); r }))
	wald <- function(rows) { g <- D[rows, , drop = FALSE] %*% b
		as.numeric(t(g) %*% solve(D[rows, , drop = FALSE] %*% V %*% t(D[rows, , drop = FALSE])) %*% g) }
	all <- wald(seq_len(nrow(D))); out <- list(brant_chi2 = all, brant_df = (J - 2) * K,
		brant_p = pchisq(all, (J - 2) * K, lower.tail = FALSE))
	for (k in 1:K) { x2 <- wald(seq(k, nrow(D), by = K)); nm <- colnames(X)[k]
		out[[sprintf("brant_chi2[%s]", nm)]] <- x2; out[[sprintf("brant_df[%s]", nm)]] <- J - 2
		out[[sprintf("brant_p[%s]", nm)]] <- pchisq(x2, J - 2, lower.tail = FALSE) }
	out
}

# ordinal::clm fits polr's model by Newton's method with the analytic
# Hessian, so its standard errors are exact where polr's (from optim's
# finite differences) agree to about 1e-6; polr's optimum is written beside
# them (the test checks that svy reaches at least it).
ordinal <- function(fml, d, prefix) {
	p0 <- polr(fml, d, Hess = TRUE)
	out(data.frame(statistic = "loglik", value = f17(as.numeric(logLik(p0)))),
	    paste0(prefix, "-polr.tsv"))
	m <- clm(fml, data = d, control = clm.control(gradTol = 1e-12, maxIter = 1000))
	k1 <- length(m$alpha); cf <- coef(summary(m))
	kind <- c(rep("threshold", k1), rep("coefficient", length(m$beta)))
	z <- qnorm(0.975); p <- 2 * pnorm(-abs(cf[, 3]))
	out(coef_table(rownames(cf), kind, cf[, 1], cf[, 2], cf[, 3], "z", NA, p,
	               cf[, 1] - z * cf[, 2], cf[, 1] + z * cf[, 2], "Wald z", TRUE), paste0(prefix, "-coef.tsv"))
	n <- nobs(m); ll <- as.numeric(logLik(m)); y <- m$y
	ll0 <- sum(table(y) * log(table(y) / n)); nb <- length(m$beta); np <- nb + k1
	X <- model.matrix(p0); X <- X[, colnames(X) != "(Intercept)", drop = FALSE]
	out(summary_table(c(list(model = "ordinal", outcome = all.vars(fml)[1], n = n,
		rows_dropped = nrow(d) - n, df_model = nb, df_residual = n - np,
		loglik = ll, aic = AIC(m), bic = BIC(m), deviance = -2 * ll, null_deviance = -2 * ll0,
		lr_chi2 = 2 * (ll - ll0), lr_df = nb,
		lr_p = pchisq(2 * (ll - ll0), nb, lower.tail = FALSE),
		mcfadden_r2 = 1 - ll / ll0,
		nagelkerke_r2 = (1 - exp(2 * (ll0 - ll) / n)) / (1 - exp(2 * ll0 / n))),
		brant_rows(X, as.integer(y)))), paste0(prefix, "-summary.tsv"))
}

d <- read.delim("survey.tsv", na.strings = "")
linear(y ~ x1 + x2 + g, d, "linear")
linear(y ~ x1 + g + x1:g, d, "interaction")
logistic(yb ~ x1 + x2 + g, d, "logistic")
ordinal(factor(yo) ~ x1 + x2 + g, d, "ordinal")
# R's own mtcars (Henderson and Velleman 1981, in R's datasets package)
mt <- read.delim("mtcars.tsv")
linear(mpg ~ wt + hp + cyl, transform(mt, cyl = factor(cyl)), "mtcars-linear")
logistic(am ~ wt + hp, mt, "mtcars-logistic")
ordinal(factor(gear) ~ wt + qsec, mt, "mtcars-ordinal")
# MASS's survey (Venables and Ripley): the brant package's own example, whose
# published result (Omnibus 3.28, df 4, p 0.51; SexMale 1.58, 2, 0.45;
# Height 0.02, 2, 0.99) the test checks too
sm <- read.delim("smoke.tsv", na.strings = "")
ordinal(factor(smoke) ~ sex + height, sm, "smoke-ordinal")
