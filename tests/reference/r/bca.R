# BCa intervals from R's boot on fixed bootstrap values, the reference for
# tests/reference/test_bca_references.py.
#
# Run from the repository root:
#   Rscript tests/reference/r/bca.R > tests/reference/data/bca_boot.csv
#
# Input: tests/reference/data/bca_boot_values.csv, one row per bootstrap value of an NPS
# sample (counts of detractors, passives, promoters; `net` = promoters - detractors of the
# resample; the NPS of the resample is 100 * net / n). The boot object is built by hand
# around those values, and boot.ci gets the jackknife influence values of the data
# (empinf(type = "jack")), so R computes the bias correction, the acceleration and the
# adjusted levels itself. `rk_low`, `rk_high` are boot's positions (B + 1) * alpha~ of the
# adjusted levels; `low`, `high` its ends (boot interpolates on the normal scale).
suppressPackageStartupMessages(library(boot))
values <- read.csv("tests/reference/data/bca_boot_values.csv")
nps <- function(x, i) 100 * mean(sign(x[i]))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "boot", as.character(packageVersion("boot")), "\n")
cat("case,confidence_level,t0,rk_low,rk_high,low,high\n")
for (k in sort(unique(values$case))) {
  rows <- values[values$case == k, ]
  counts <- unlist(rows[1, c("detractors", "passives", "promoters")])
  x <- rep(c(-1, 0, 1), counts)
  n <- length(x)
  t0 <- nps(x, seq_len(n))
  out <- list(
    t0 = t0, t = matrix(100 * rows$net / n, ncol = 1), R = nrow(rows), data = x,
    seed = 1L, statistic = nps, sim = "ordinary", stype = "i", call = quote(boot()),
    strata = rep(1, n), weights = rep(1 / n, n)
  )
  class(out) <- "boot"
  L <- empinf(data = x, statistic = nps, type = "jack", stype = "i")
  for (level in c(0.95, 0.8)) {
    ci <- boot.ci(out, conf = level, type = "bca", L = L)$bca
    cat(k, level, t0, sprintf("%.10g", ci[2:5]), sep = ",")
    cat("\n")
  }
}
