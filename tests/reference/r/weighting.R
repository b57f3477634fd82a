# Weights and calibrated standard errors from R's survey package, the reference for
# tests/reference/test_weighting_references.py.
#
# Run from the repository root (needs R with the survey package, e.g.
# `apt-get install -y r-cran-survey`):
#   Rscript tests/reference/r/weighting.R
# It writes tests/reference/data/weighting_reference.csv (one row per answer: the sample,
# its base weight and the weights after postStratify, rake, calibrate and trimWeights) and
# tests/reference/data/weighting_reference_estimates.csv (svymean of a top-box indicator,
# the NPS contrast and NPS per channel, with their standard errors, per design). The first
# line of each file names the R and survey versions that wrote it (made with R 4.2.2 and
# survey 4.1.1).
#
# The sample is drawn here (set.seed) so the script needs no input. Convergence is set
# tight (rake: epsilon 1e-13 of the total, maxit 1000; calibrate: epsilon 1e-14) so that the
# weights are the fixed points, which the tests compare to 1e-9.
suppressPackageStartupMessages(library(survey))
set.seed(20261128)
n <- 240
channel <- sample(c("phone", "email", "chat", "in person"), n, TRUE, prob = c(0.4, 0.3, 0.2, 0.1))
region <- sample(c("north", "south", "east"), n, TRUE, prob = c(0.5, 0.3, 0.2))
tier <- sample(c("gold", "basic"), n, TRUE, prob = c(0.3, 0.7))
tenure <- round(rgamma(n, shape = 2, scale = 2.5), 2)
ltr <- pmin(10L, pmax(0L, as.integer(round(rnorm(n, 7 + (tier == "gold"), 2.4)))))
ltr[sample(n, 12)] <- NA
base <- round(runif(n, 0.5, 3), 3)
df <- data.frame(
  id = seq_len(n), channel = channel, region = region, tier = tier, tenure = tenure,
  ltr = ltr, base = base
)
df$prom <- as.numeric(df$ltr >= 9)
df$det <- as.numeric(df$ltr <= 6)
df$top <- df$prom  # top 2 boxes of 0-10: the promoters' share
df$npsv <- 100 * (df$prom - df$det)

des <- svydesign(ids = ~1, weights = ~base, data = df)

# population figures (made up, with shares unlike the sample's)
pop_cells <- expand.grid(channel = c("chat", "email", "in person", "phone"),
                         region = c("east", "north", "south"))
pop_cells$Freq <- c(900, 1300, 400, 1600, 1100, 2100, 700, 2600, 800, 1500, 500, 1800)
pop_channel <- data.frame(channel = c("chat", "email", "in person", "phone"),
                          Freq = c(2800, 4900, 1600, 6000))
pop_region <- data.frame(region = c("east", "north", "south"), Freq = c(4200, 6500, 4600))
pop_tier <- data.frame(tier = c("basic", "gold"), Freq = c(10300, 5000))
N <- 15300
tenure_total <- 80000

post <- postStratify(des, ~channel + region, pop_cells)
raked <- rake(des, list(~channel, ~region, ~tier), list(pop_channel, pop_region, pop_tier),
              control = list(maxit = 1000, epsilon = 1e-13))
# the same margins by calibrate(calfun = "raking"): the regression residuals for the
# variance (rake() approximates them by ten backfitting sweeps)
cal_totals <- c(`(Intercept)` = N, channelemail = 4900, `channelin person` = 1600,
                channelphone = 6000, regionnorth = 6500, regionsouth = 4600, tiergold = 5000)
cal_raking <- calibrate(des, ~channel + region + tier, cal_totals, calfun = "raking",
                        epsilon = 1e-14, maxit = 200)
lin_totals <- c(`(Intercept)` = N, channelemail = 4900, `channelin person` = 1600,
                channelphone = 6000, regionnorth = 6500, regionsouth = 4600,
                tenure = tenure_total)
cal_linear <- calibrate(des, ~channel + region + tenure, lin_totals, calfun = "linear")
trimmed <- trimWeights(des, lower = 0.8, upper = 2.5, strict = FALSE)
trimmed_strict <- trimWeights(des, lower = 0.8, upper = 2.5, strict = TRUE)

designs <- list(
  base = des, poststratify = post, rake = raked, calibrate_raking = cal_raking,
  calibrate_linear = cal_linear, trim = trimmed, trim_strict = trimmed_strict
)
header <- paste("# R", paste(R.version$major, R.version$minor, sep = "."),
                "survey", as.character(packageVersion("survey")))

out <- df[, c("id", "channel", "region", "tier", "tenure", "ltr", "base")]
for (name in names(designs)[-1]) out[[paste0("w_", name)]] <- weights(designs[[name]])
con <- file("tests/reference/data/weighting_reference.csv", "w")
writeLines(header, con)
write.csv(format(out, digits = 17), con, row.names = FALSE, quote = TRUE, na = "")
close(con)

rows <- list()
for (name in names(designs)) {
  d <- designs[[name]]
  top <- svymean(~top, d, na.rm = TRUE)
  rows[[length(rows) + 1]] <- data.frame(design = name, statistic = "top_box", segment = "",
                                         value = 100 * coef(top)[[1]], se = 100 * SE(top)[[1]])
  both <- svymean(~prom + det, d, na.rm = TRUE)
  nps <- svycontrast(both, c(prom = 100, det = -100))
  rows[[length(rows) + 1]] <- data.frame(design = name, statistic = "nps", segment = "",
                                         value = coef(nps)[[1]], se = SE(nps)[[1]])
  by_channel <- svyby(~npsv, ~channel, d, svymean, na.rm = TRUE)
  rows[[length(rows) + 1]] <- data.frame(design = name, statistic = "nps",
                                         segment = as.character(by_channel$channel),
                                         value = by_channel$npsv, se = SE(by_channel))
}
est <- do.call(rbind, rows)
con <- file("tests/reference/data/weighting_reference_estimates.csv", "w")
writeLines(header, con)
write.csv(format(est, digits = 17), con, row.names = FALSE, quote = TRUE)
close(con)
