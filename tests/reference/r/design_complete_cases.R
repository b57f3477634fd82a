# Weights-only design on the complete cases of each question: R's survey on the rows that
# answered it (svydesign built on those rows, so the sample is the answers, as a tally's
# is; svymean(na.rm = TRUE) on the whole sample would keep the skipped rows as a domain).
# Reference for tests/reference/test_weighted_design_references.py.
#
# Run from the repository root:
#   Rscript tests/reference/r/design_complete_cases.R > tests/reference/data/design_complete_cases.csv
suppressPackageStartupMessages(library(survey))
d <- read.csv("tests/reference/data/design_sample.csv")
cat(sprintf("# R %s.%s, survey %s\n", R.version$major, R.version$minor, packageVersion("survey")))
cat("question,quantity,level,value\n")
out <- function(q, what, level, x) cat(sprintf("%s,%s,%s,%.17g\n", q, what, level, x))
cc <- d[!is.na(d$csat), ]
cc$top2 <- as.numeric(cc$csat >= 4)
des <- svydesign(ids = ~1, weights = ~weight, data = cc)
m <- svymean(~top2, des)
out("top2", "value", "", coef(m)); out("top2", "se", "", SE(m))
for (level in c(0.95, 0.90)) {
  for (method in c("beta", "logit")) {
    ci <- attr(svyciprop(~top2, des, method = method, level = level), "ci")
    out("top2", paste0(method, "_low"), level, ci[1]); out("top2", paste0(method, "_high"), level, ci[2])
  }
}
m <- svymean(~csat, des)
out("csat_mean", "value", "", coef(m)); out("csat_mean", "se", "", SE(m))
ci <- confint(m, level = 0.95, df = degf(des))
out("csat_mean", "t_low", 0.95, ci[1]); out("csat_mean", "t_high", 0.95, ci[2])
