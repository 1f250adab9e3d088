# The generated input of test/46-model.bats: 200 rows, numeric and categorical
# predictors, a numeric, a 0/1 and a 4-level ordinal outcome, three missing cells.
set.seed(42); n <- 200
x1 <- round(rnorm(n, 3, 1), 3); x2 <- round(runif(n, 0, 10), 2)
g <- sample(c("a","b","c"), n, TRUE)
y <- round(1 + 0.5*x1 - 0.2*x2 + ifelse(g=="b", 0.7, ifelse(g=="c", -0.4, 0)) + rnorm(n), 3)
yb <- as.integer(runif(n) < plogis(-1 + 0.6*x1 - 0.15*x2 + (g=="b")))
yo <- cut(0.8*x1 - 0.3*x2 + (g=="c") + rlogis(n), c(-Inf, -0.5, 1, 2.5, Inf), labels=FALSE)
d <- data.frame(y=y, yb=yb, yo=yo, x1=x1, x2=x2, g=g)
d$x1[c(5, 17)] <- NA; d$g[c(30)] <- NA
write.table(d, "survey.tsv", sep="\t", quote=FALSE, row.names=FALSE, na="")
