# Reference numbers from R's `survey` package for domain comparisons (issue 14): the design
# variance of the difference of two domains of one design, with the covariance of domains
# that share clusters (a customer answering in two months), as svyby(covmat = TRUE) and
# svycontrast give it; each channel against the rest; and the Wald test that the channels'
# NPS are equal.
#
# Run from the repository root (reads the sample survey_design.R wrote, writes one CSV):
#   Rscript tests/reference/r/survey_domains.R
# Ran on: R 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1 (Debian r-cran-survey 4.1.1),
# default options: survey.lonely.psu = "fail", survey.adjust.domain.lonely = FALSE.
#
# Output: tests/reference/data/design_domains.csv, one row per number, %.17g:
#   design   D2 ids = ~cluster; D3 ids = ~cluster, strata = ~stratum, fpc = ~fpc;
#            D4 ids = ~1, strata = ~stratum; D5 = D3 without fpc. All with weights = ~weight.
#   kind     "month_change": svyby(~promoter + detractor, ~month, design, svymean,
#              covmat = TRUE), then svycontrast for month a minus month b of
#              100 * promoter - 100 * detractor (metric "nps"); for metric "top2" the same of
#              svyby(~top2, ~month, subset(design, !is.na(csat)), svymean, covmat = TRUE)
#              (the subset keeps every cluster in the design, as satisfy's n_h does)
#            "versus_rest": svyby over rest = (channel != a), the contrast a minus the rest
#            "omnibus": the Wald test that the three channels' NPS are equal: the NPS of each
#              channel from svyby(~promoter + detractor, ~channel, covmat = TRUE), contrasts
#              chat - phone and email - phone with covariance L V L', W = d' (L V L')^-1 d;
#              value = W / 2 (F), se = NA, df = degf(design) (F on 2 and df, pf's p in b)
#   a, b     the domains compared (b = "rest" for versus_rest; the p-value for omnibus)
#   value, se
#   df       degf(design)
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")
data_dir <- file.path("tests", "reference", "data")
d <- read.csv(file.path(data_dir, "design_sample.csv"), stringsAsFactors = FALSE)
d$promoter <- as.numeric(d$nps_score >= 9)
d$detractor <- as.numeric(d$nps_score <= 6)
d$top2 <- as.numeric(d$csat >= 4)
d$channel <- factor(d$channel, levels = c("chat", "email", "phone"))
d$monthf <- factor(d$month)
designs <- list(
  D2 = svydesign(ids = ~cluster, weights = ~weight, data = d),
  D3 = svydesign(ids = ~cluster, strata = ~stratum, fpc = ~fpc, weights = ~weight, data = d),
  D4 = svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d),
  D5 = svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d)
)
num <- function(x) if (is.na(x)) "NA" else sprintf("%.17g", x)
out <- character(0)
add <- function(design, kind, a, b, metric, value, se, df) {
  out[[length(out) + 1]] <<- paste(design, kind, a, b, metric, num(value), num(se), num(df),
                                   sep = ",")
}
nps_contrast <- function(by, a, b, var) {
  w <- setNames(rep(0, length(coef(by))), names(coef(by)))
  w[paste0(a, ":promoter")] <- 100
  w[paste0(a, ":detractor")] <- -100
  w[paste0(b, ":promoter")] <- w[paste0(b, ":promoter")] - 100
  w[paste0(b, ":detractor")] <- w[paste0(b, ":detractor")] + 100
  svycontrast(by, w)
}
share_contrast <- function(by, a, b) {
  w <- setNames(rep(0, length(coef(by))), names(coef(by)))
  w[a] <- 100
  w[b] <- -100
  svycontrast(by, w)
}
for (name in names(designs)) {
  des <- designs[[name]]
  df <- degf(des)
  by_month <- svyby(~promoter + detractor, ~monthf, des, svymean, covmat = TRUE)
  by_top2 <- svyby(~top2, ~monthf, subset(des, !is.na(csat)), svymean, covmat = TRUE)
  for (pair in list(c("2", "1"), c("3", "2"), c("3", "1"))) {
    r <- nps_contrast(by_month, pair[1], pair[2])
    add(name, "month_change", pair[1], pair[2], "nps", coef(r), SE(r), df)
    r <- share_contrast(by_top2, pair[1], pair[2])
    add(name, "month_change", pair[1], pair[2], "top2", coef(r), SE(r), df)
  }
  for (level in levels(d$channel)) {
    des_r <- update(des, side = factor(ifelse(channel == level, "a", "rest")))
    by_side <- svyby(~promoter + detractor, ~side, des_r, svymean, covmat = TRUE)
    r <- nps_contrast(by_side, "a", "rest")
    add(name, "versus_rest", level, "rest", "nps", coef(r), SE(r), df)
  }
  by_channel <- svyby(~promoter + detractor, ~channel, des, svymean, covmat = TRUE)
  lv <- levels(d$channel)
  A <- matrix(0, 3, 6, dimnames = list(lv, names(coef(by_channel))))
  for (level in lv) {
    A[level, paste0(level, ":promoter")] <- 100
    A[level, paste0(level, ":detractor")] <- -100
  }
  nps <- A %*% coef(by_channel)
  V <- A %*% vcov(by_channel) %*% t(A)
  L <- rbind(c(1, 0, -1), c(0, 1, -1))
  dd <- L %*% nps
  W <- as.numeric(t(dd) %*% solve(L %*% V %*% t(L)) %*% dd)
  add(name, "omnibus", "F", num(pf(W / 2, 2, df, lower.tail = FALSE)), "nps", W / 2, NA, df)
}
header <- "design,kind,a,b,metric,value,se,df"
writeLines(c(header, out), file.path(data_dir, "design_domains.csv"))
cat(sprintf("R %s, survey %s\n", R.version.string, packageVersion("survey")))
