# Reference numbers from R's `survey` package for issue 14 (design-based variance, clusters,
# strata, fpc, domains, post-stratification, raking, calibration, trimming). The reference for
# the design tests under tests/reference/.
#
# Run from the repository root (writes the three data files, about 3 seconds):
#   Rscript tests/reference/r/survey_design.R
# Ran on: R 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1 (Debian r-cran-survey 4.1.1),
# default options: survey.lonely.psu = "fail", survey.adjust.domain.lonely = FALSE,
# survey.ultimate.cluster = FALSE. (The JSON's meta block records the versions it ran on.)
#
# Output
#   tests/reference/data/design_sample.csv     the sample (set.seed(20261128)), 244 rows:
#       id, stratum (north/south/west), cluster (customer id, unique across strata; 13/12/12
#       clusters per stratum, 1 to 8 answers each), fpc (population number of clusters in the
#       stratum: 40/60/25), weight (lognormal around a per-stratum base, 3 decimals; id 17 has
#       the deliberately large weight 400), channel (phone/email/chat, crosses strata and
#       clusters), month (1-3), nps_score (0-10), csat (1-5, empty = NA in 5 rows), ces (1-7).
#       Every number below is computed from this CSV as read back, so Python reading it has the
#       same doubles.
#   tests/reference/data/design_weights.csv    one row per id: base (the sample weight) and the
#       weights each weighting case below produced, %.17g (columns named as the W_* keys:
#       poststratify, rake, rake_default (= rake_default_control), calibrate_raking,
#       calibrate_linear, trim, trim_not_strict, trim2, trim2_not_strict; rake_one_margin has no
#       column: its weights are poststratify's).
#   tests/reference/data/design_reference.json every number with 17 significant digits
#       (NaN is the string "NaN", NA is null); keys below.
#
# Derived variables (as in the script): promoter = nps_score >= 9, detractor = nps_score <= 6
# (0/1), nps = 100 * promoter - 100 * detractor, top2 = csat >= 4 (NA where csat is NA),
# monthf = factor(month). Units: promoter, detractor, top2 and every interval of them are
# proportions 0..1 as survey reports them (multiply by 100 for percent); NPS is in points
# (-100..100); csat_mean and ces_mean in scale units.
#
# JSON keys
#   meta: r_version, survey_version, command, seed, n, n_csat_missing, clusters_per_stratum,
#     rows_per_stratum, options (the survey.* options in force), units.
#   cases.D1 .. cases.D5: the five designs on the whole sample; cases.<D>.call is the svydesign
#     call: D1 ids = ~1, weights only; D2 ids = ~cluster; D3 ids = ~cluster, strata = ~stratum,
#     fpc = ~fpc; D4 ids = ~1, strata = ~stratum; D5 = D3 without fpc. All with weights = ~weight.
#     .whole (the whole sample):
#       nrow, degf (degf(design)), sum_weights
#       promoter, detractor: svymean(~x, design, deff = TRUE): value, se, deff;
#         deff_replace = deff of svymean(..., deff = "replace") (with-replacement SRS baseline)
#       nps: svycontrast(svymean(~promoter + detractor, design), c(promoter = 100,
#         detractor = -100)): value, se; vcov_promoter_detractor = the 2 x 2 vcov (column-major)
#       nps_direct: svymean(~nps, design, deff = TRUE) (same value and se as nps, plus deff)
#       top2, csat_mean: svymean(~x, design, na.rm = TRUE, deff = TRUE): value, se, deff,
#         deff_replace; csat_mean.ci_t_0.95 / ci_t_0.90 = confint(m, df = degf(design),
#         level = ...) (t interval), ci_z_0.95 = confint(m) (normal)
#       ces_mean: svymean(~ces, design, deff = TRUE) and ci_t_0.95
#       top2_ciprop.<method>_<level>: svyciprop(~top2, design, method = <method>, level = <level>,
#         na.rm = TRUE) for method beta, logit, likelihood, mean and level 0.95, 0.90: value,
#         se (sqrt of its var attribute = svymean's), ci = [lower, upper]
#       top2_beta_internals_0.95: what svyciprop beta computes on the way: p, var, n_eff_design
#         = p(1-p)/var, nrow = nrow(design), degf, df_factor = (qt(0.025, nrow - 1) /
#         qt(0.025, degf))^2, n_eff_adjusted = n_eff_design * df_factor
#       top2_ciprop_complete_rows: the same on subset(design, !is.na(csat)) (nrow, degf, beta and
#         logit at 0.95 and 0.90): the variance is the same as with na.rm, nrow and degf are not
#       promoter_ciprop: svyciprop(~promoter, design, "beta" / "logit", level = 0.95)
#     .by_channel (domains; channel levels chat, email, phone):
#       promoter, detractor: svyby(~promoter + detractor, ~channel, design, svymean,
#         covmat = TRUE): {level: {value, se}}; coef_names and vcov (6 x 6, column-major, in
#         coef_names order) the joint covariance svyby reports
#       nps.<level>: svycontrast(that svyby, 100 * <level>:promoter - 100 * <level>:detractor)
#       nps_phone_minus_email: svycontrast(that svyby, the contrast written alongside)
#       top2: svyby(~top2, ~channel, design, svymean, na.rm = TRUE): {level: {value, se}}
#       top2_phone_minus_email: svycontrast of svyby(~top2, ~channel, subset(design,
#         !is.na(csat)), svymean, covmat = TRUE) (covmat fails with na.rm = TRUE in survey 4.1.1)
#       top2_beta_0.95, top2_beta_0.90: svyby(~top2, ~channel, design, svyciprop, vartype = "ci",
#         method = "beta", level = ..., na.rm = TRUE): {level: {value, ci}}
#       top2_logit_0.95: the same with method = "logit"
#       degf.<level> = degf(subset(design, channel == level)); nrow.<level> = its nrow
#       top2_beta_internals_0.95.<level>: the beta internals on subset(design, channel == level)
#       csat_mean_by_month: svyby(~csat, ~month, design, svymean, na.rm = TRUE): {month: {value, se}}
#   cases.W_D1, cases.W_D3: weighting on D1 (weights only) and on D3 (clusters, strata, fpc).
#     The weights are the same for both (checked in the script); the SEs differ.
#     Population margins: channel chat 2000, email 3000, phone 5000; month 1 3400, 2 3300,
#     3 3300 (total 10000; the sample weights sum to 8797.196).
#     Each case has call, weights {first10, sum, min, max, kish_efficiency = (sum w)^2 /
#     (n sum w^2)} and estimates {top2, csat_mean, nps, promoter (value, se),
#     top2_beta_0.95, top2_logit_0.95 (svyciprop, na.rm = TRUE), degf, nrow, nps_by_channel
#     {chat, email, phone, phone_minus_email: value, se}, degf_phone, nrow_phone,
#     top2_beta_0.95_phone (svyciprop beta on subset(design, channel == "phone"))}.
#       poststratify: postStratify(design, ~channel, pop_channel); also by_channel_top2
#       rake: rake(design, list(~channel, ~monthf), list(pop_channel, pop_month),
#         control = list(maxit = 100, epsilon = 1e-13)) (converged to rounding); passes = the
#         number of passes (postStratify on each margin in turn) rake needed; margins_* = the
#         weighted margins reached
#       rake_default_control: the same with rake's default control (maxit = 10, epsilon = 1:
#         stops once no cell of the weighted channel x month table moves by 1 or more), passes
#       calibrate_raking: calibrate(design, ~channel + monthf, totals, calfun = "raking",
#         epsilon = 1e-12, maxit = 100): the same weights as rake, a different SE (see notes)
#       calibrate_linear: calibrate(design, ~channel + monthf, totals, calfun = "linear")
#         with totals c(`(Intercept)` = 10000, channelemail = 3000, channelphone = 5000,
#         monthf2 = 3300, monthf3 = 3300)
#       trim: trimWeights(design, lower = 0.5 * median(w), upper = 3 * median(w), strict = TRUE)
#         (median, lower, upper, n_below, n_above written too); trim_not_strict: strict = FALSE
#         (equal here: one pass suffices)
#       trim2, trim2_not_strict: upper = 2 * median, where strict = TRUE does change the weights
#       rake_one_margin: rake on channel alone: the weights of poststratify, another SE
#   cases.tiny: the case of issue 14: 12 answers, y = 1 for the answer with weight 10 and for 9
#     of the 11 answers with weight 1 (p = 19/21), D1-style design. mean (value, se, deff), degf,
#     kish_n_eff, wilson_kish_0.95 (Wilson with Kish's n_eff: 0.4195 to 0.9921, "42.0 to 99.2"),
#     beta_0.95 (0.6200 to 0.9953, "62.0 to 99.5": reproduced exactly), beta_0.90, logit_0.95,
#     likelihood_0.95, beta_internals_0.95.
#   cases.edge: p0 / p1 (six answers all 0 / all 1, weights 1,2,3,1,2,3): svymean, beta (NaN
#     ends) and logit (glm's non-converged nonsense near 0 or 1: do not compare, see notes);
#     domain_all_promoters_D3 (a domain of D3 where p = 1: se 0, beta NaN); lonely_psu_D5 (D5 on
#     north, south and a single west cluster: svymean(~promoter) under each survey.lonely.psu
#     option; "fail" is the error message); domain_one_psu_in_stratum_D3 (a domain of D3 with
#     one PSU in the west stratum: no error under the defaults).
#
# Formula notes (read from survey 4.1.1's source: svymean.survey.design2, svyrecvar, onestage,
# onestrat, svyciprop, postStratify, rake, calibrate, regcalibrate, grake, trimWeights, svyby)
#   mean: p = sum(w y) / sum(w); influence z_i = w_i (y_i - p) / sum(w); per cluster (PSU)
#     totals Z_hc = sum of z over the cluster's rows; var = sum_h (1 - n_h / N_h) n_h / (n_h - 1)
#     sum_c (Z_hc - mean_c Z_hc)^2, with n_h the number of PSUs of stratum h in the FULL design,
#     N_h the fpc (no fpc: factor 1). ids = ~1: every row is a PSU. No strata: one stratum.
#   domains and na.rm: z is 0 outside the domain / on NA rows, and n_h stays the full design's
#     count (the missing PSUs are padded as zeros, then centred); p and sum(w) are the domain's.
#   deff (deff = TRUE): var / (s2 (1 - n / sum(w)) / n), s2 = sum(w (y - p)^2) / sum(w)
#     * n / (n - 1), n = number of rows with weight > 0 (in the domain / answered rows);
#     deff = "replace" drops the (1 - n / sum(w)) factor. Not Kish's 1 + cv^2.
#   degf = number of PSUs with weight > 0 - number of strata with weight > 0.
#   svyciprop beta: n_eff = p (1 - p) / var * (qt(alpha/2, nrow(design) - 1) /
#     qt(alpha/2, degf(design)))^2; ci = [qbeta(alpha/2, n_eff p, n_eff (1 - p) + 1),
#     qbeta(1 - alpha/2, n_eff p + 1, n_eff (1 - p))]; p = 0 or 1 gives NaN ends (0/0).
#   svyciprop logit: expit(logit(p) -+ qt(1 - alpha/2, degf) se / (p (1 - p))).
#   calibration SEs: with w the final weights, p = sum(w y) / sum(w) and r = y - p, the
#     residual e is: postStratify: r minus its weighted mean within the post-stratum;
#     calibrate (linear, raking): r minus its WLS fit on the calibration model matrix with the
#     BASE (pre-calibration) weights; rake(): r minus its UNWEIGHTED least-squares fit on the
#     margins' dummies (10 backfitting sweeps); then z = w e / sum(w) into the formula above.
suppressPackageStartupMessages({
  library(survey)
})
options(warn = 1)

out_dir <- "tests/reference/data"
stopifnot(dir.exists(out_dir))
num <- function(x) sprintf("%.17g", x)
lk <- function(level) sprintf("%.2f", level) # key suffix: 0.95, 0.90

# ---------------------------------------------------------------------------------------------
# A small JSON writer: every number with 17 significant digits (jsonlite keeps 15).
# Named list or named vector -> object; unnamed vector of length > 1 or wrapped in I() -> array;
# NaN -> "NaN", NA -> null, +-Inf -> "Inf" / "-Inf".
# ---------------------------------------------------------------------------------------------
json_str <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}
json_scalar <- function(v) {
  if (is.null(v)) return("null")
  if (is.logical(v)) return(if (is.na(v)) "null" else if (v) "true" else "false")
  if (is.character(v) || is.factor(v)) return(if (is.na(v)) "null" else json_str(as.character(v)))
  if (is.nan(v)) return("\"NaN\"")
  if (is.na(v)) return("null")
  if (is.infinite(v)) return(if (v > 0) "\"Inf\"" else "\"-Inf\"")
  if (is.numeric(v) && v == round(v) && abs(v) < 1e15) return(sprintf("%.0f", v))
  num(v)
}
to_json <- function(x, indent = 0) {
  pad <- strrep("  ", indent + 1)
  end <- strrep("  ", indent)
  if (is.list(x) || (!is.null(names(x)) && length(x) > 0)) {
    nms <- names(x)
    if (is.null(nms)) {
      items <- vapply(x, to_json, "", indent = indent + 1)
      return(paste0("[\n", pad, paste(items, collapse = paste0(",\n", pad)), "\n", end, "]"))
    }
    items <- vapply(seq_along(x), function(i) {
      v <- x[[i]]
      if (is.atomic(v) && length(v) == 1 && !inherits(v, "AsIs")) v <- unname(v)
      paste0(json_str(nms[i]), ": ", to_json(v, indent + 1))
    }, "")
    if (!length(items)) return("{}")
    return(paste0("{\n", pad, paste(items, collapse = paste0(",\n", pad)), "\n", end, "}"))
  }
  if (is.null(x)) return("null")
  if (length(x) == 1 && !inherits(x, "AsIs")) return(json_scalar(x))
  paste0("[", paste(vapply(as.list(unclass(x)), json_scalar, ""), collapse = ", "), "]")
}
arr <- function(x) I(unname(as.vector(x)))

# ---------------------------------------------------------------------------------------------
# (a) the sample
# ---------------------------------------------------------------------------------------------
set.seed(20261128)
strata_def <- data.frame(
  stratum = c("north", "south", "west"),
  nclus = c(13, 12, 12),
  fpc = c(40, 60, 25),
  base = c(30, 45, 20),
  stringsAsFactors = FALSE
)
rows <- list()
cluster_id <- 100
for (h in seq_len(nrow(strata_def))) {
  sizes <- sample(1:8, strata_def$nclus[h], replace = TRUE, prob = c(1, 1, 1, 1, 1, 2, 4, 6))
  sizes[1] <- 1 # every stratum has a cluster of one answer and one of eight
  sizes[2] <- 8
  for (k in seq_along(sizes)) {
    cluster_id <- cluster_id + 1
    effect <- rnorm(1, 0, 1.3) # the customer's own level: answers within a cluster correlate
    for (j in seq_len(sizes[k])) {
      rows[[length(rows) + 1]] <- data.frame(
        stratum = strata_def$stratum[h], cluster = cluster_id, fpc = strata_def$fpc[h],
        base = strata_def$base[h], effect = effect, stringsAsFactors = FALSE
      )
    }
  }
}
s <- do.call(rbind, rows)
n <- nrow(s)
s$id <- seq_len(n)
s$weight <- round(s$base * exp(rnorm(n, 0, 0.45)), 3)
s$weight[17] <- 400 # one deliberately large weight
s$channel <- sample(c("phone", "email", "chat"), n, replace = TRUE, prob = c(0.45, 0.35, 0.2))
s$month <- sample(1:3, n, replace = TRUE)
shift <- c(phone = 0.6, email = -0.4, chat = 0)[s$channel]
s$nps_score <- as.integer(pmin(10, pmax(0, round(7.2 + s$effect + shift + rnorm(n, 0, 1.8)))))
s$csat <- as.integer(pmin(5, pmax(1, round(3.6 + 0.6 * s$effect + 0.5 * shift + rnorm(n, 0, 0.9)))))
s$ces <- as.integer(pmin(7, pmax(1, round(5 + 0.5 * s$effect + rnorm(n, 0, 1.1)))))
s$csat[c(5, 48, 101, 150, 201)] <- NA
sample_out <- s[, c("id", "stratum", "cluster", "fpc", "weight", "channel", "month",
                    "nps_score", "csat", "ces")]
write.csv(sample_out, file.path(out_dir, "design_sample.csv"), row.names = FALSE, na = "")

# Everything below is computed from the CSV as read back, so that Python reading the same file
# has the same doubles.
d <- read.csv(file.path(out_dir, "design_sample.csv"), stringsAsFactors = FALSE)
d$promoter <- as.numeric(d$nps_score >= 9)
d$detractor <- as.numeric(d$nps_score <= 6)
d$nps <- 100 * d$promoter - 100 * d$detractor
d$top2 <- as.numeric(d$csat >= 4) # NA where csat is NA
d$channel <- factor(d$channel, levels = c("chat", "email", "phone"))
d$monthf <- factor(d$month)

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
stat1 <- function(m, deff = TRUE) {
  r <- list(value = unname(coef(m))[1], se = unname(SE(m))[1])
  if (deff && !is.null(attr(m, "deff"))) r$deff <- unname(deff(m))[1]
  r
}
ciprop <- function(formula, design, method, level, ...) {
  r <- suppressWarnings(svyciprop(formula, design, method = method, level = level, ...))
  list(value = unname(coef(r))[1], se = unname(sqrt(vcov(r)))[1], ci = arr(confint(r)))
}
beta_internals <- function(formula, design, level, ...) {
  # the quantities svyciprop(method = "beta") computes on the way (see the formula notes)
  m <- svymean(formula, design, ...)
  p <- unname(coef(m))[1]
  v <- unname(vcov(m))[1]
  alpha <- 1 - level
  list(p = p, var = v, n_eff_design = p * (1 - p) / v, nrow = nrow(design), degf = degf(design),
       df_factor = (qt(alpha / 2, nrow(design) - 1) / qt(alpha / 2, degf(design)))^2,
       n_eff_adjusted = p * (1 - p) / v * (qt(alpha / 2, nrow(design) - 1) /
                                           qt(alpha / 2, degf(design)))^2)
}
nps_contrast <- function(design) {
  m <- svymean(~promoter + detractor, design)
  ctr <- svycontrast(m, c(promoter = 100, detractor = -100))
  list(value = unname(coef(ctr))[1], se = unname(SE(ctr))[1],
       vcov_promoter_detractor = arr(vcov(m)))
}
whole_sample <- function(design) {
  r <- list()
  r$nrow <- nrow(design)
  r$degf <- degf(design)
  r$sum_weights <- sum(weights(design))
  r$promoter <- stat1(svymean(~promoter, design, deff = TRUE))
  r$promoter$deff_replace <- unname(deff(svymean(~promoter, design, deff = "replace")))
  r$detractor <- stat1(svymean(~detractor, design, deff = TRUE))
  r$detractor$deff_replace <- unname(deff(svymean(~detractor, design, deff = "replace")))
  r$nps <- nps_contrast(design)
  r$nps_direct <- stat1(svymean(~nps, design, deff = TRUE))
  r$top2 <- stat1(svymean(~top2, design, na.rm = TRUE, deff = TRUE))
  r$top2$deff_replace <- unname(deff(svymean(~top2, design, na.rm = TRUE, deff = "replace")))
  r$csat_mean <- stat1(svymean(~csat, design, na.rm = TRUE, deff = TRUE))
  r$csat_mean$deff_replace <- unname(deff(svymean(~csat, design, na.rm = TRUE, deff = "replace")))
  m <- svymean(~csat, design, na.rm = TRUE)
  r$csat_mean$ci_t_0.95 <- arr(confint(m, df = degf(design), level = 0.95))
  r$csat_mean$ci_t_0.90 <- arr(confint(m, df = degf(design), level = 0.90))
  r$csat_mean$ci_z_0.95 <- arr(confint(m, level = 0.95))
  r$ces_mean <- stat1(svymean(~ces, design, deff = TRUE))
  m <- svymean(~ces, design)
  r$ces_mean$ci_t_0.95 <- arr(confint(m, df = degf(design), level = 0.95))
  cp <- list()
  for (level in c(0.95, 0.90)) {
    for (method in c("beta", "logit", "likelihood", "mean")) {
      cp[[paste0(method, "_", lk(level))]] <- ciprop(~top2, design, method, level, na.rm = TRUE)
    }
  }
  r$top2_ciprop <- cp
  r$top2_beta_internals_0.95 <- beta_internals(~top2, design, 0.95, na.rm = TRUE)
  complete <- subset(design, !is.na(csat))
  cpc <- list(nrow = nrow(complete), degf = degf(complete))
  for (level in c(0.95, 0.90)) {
    for (method in c("beta", "logit")) {
      cpc[[paste0(method, "_", lk(level))]] <- ciprop(~top2, complete, method, level)
    }
  }
  r$top2_ciprop_complete_rows <- cpc
  r$promoter_ciprop <- list(beta_0.95 = ciprop(~promoter, design, "beta", 0.95),
                            logit_0.95 = ciprop(~promoter, design, "logit", 0.95))
  r
}
by_value <- function(b, stat) {
  # svyby result -> {level: {value, se}}
  out <- list()
  for (i in seq_len(nrow(b))) {
    se_col <- if ("se" %in% names(b)) "se" else paste0("se.", stat)
    out[[as.character(b[i, 1])]] <- list(value = b[i, stat], se = b[i, se_col])
  }
  out
}
domains <- function(design) {
  r <- list()
  b <- svyby(~promoter + detractor, ~channel, design, svymean, covmat = TRUE)
  lv <- as.character(b$channel)
  r$levels <- arr(lv)
  r$promoter <- list()
  r$detractor <- list()
  for (i in seq_along(lv)) {
    r$promoter[[lv[i]]] <- list(value = b$promoter[i], se = b$se.promoter[i])
    r$detractor[[lv[i]]] <- list(value = b$detractor[i], se = b$se.detractor[i])
  }
  r$coef_names <- arr(names(coef(b)))
  r$vcov <- arr(vcov(b)) # column-major 6 x 6 in coef_names order
  cn <- names(coef(b))
  nps <- list()
  for (l in lv) {
    w <- setNames(rep(0, length(cn)), cn)
    w[paste0(l, ":promoter")] <- 100
    w[paste0(l, ":detractor")] <- -100
    ctr <- svycontrast(b, w)
    nps[[l]] <- list(value = unname(coef(ctr)), se = unname(SE(ctr)))
  }
  r$nps <- nps
  w <- setNames(rep(0, length(cn)), cn)
  w[c("phone:promoter", "phone:detractor", "email:promoter", "email:detractor")] <-
    c(100, -100, -100, 100)
  ctr <- svycontrast(b, w)
  r$nps_phone_minus_email <- list(value = unname(coef(ctr)), se = unname(SE(ctr)),
                                  contrast = w)
  bt <- svyby(~top2, ~channel, design, svymean, na.rm = TRUE)
  r$top2 <- by_value(bt, "top2")
  # svyby(covmat = TRUE) fails with na.rm = TRUE (the influence rows no longer line up), so the
  # difference is taken on the design restricted to the answered rows, which has the same
  # variance (see the formula notes: a subset keeps the full design's PSU counts)
  btc <- svyby(~top2, ~channel, subset(design, !is.na(csat)), svymean, covmat = TRUE)
  ctr <- svycontrast(btc, c(chat = 0, email = -1, phone = 1))
  r$top2_phone_minus_email <- list(value = unname(coef(ctr)), se = unname(SE(ctr)))
  for (level in c(0.95, 0.90)) {
    bb <- suppressWarnings(svyby(~top2, ~channel, design, svyciprop, vartype = "ci",
                                 method = "beta", level = level, na.rm = TRUE))
    key <- paste0("top2_beta_", lk(level))
    r[[key]] <- list()
    for (i in seq_len(nrow(bb))) {
      r[[key]][[as.character(bb$channel[i])]] <- list(value = bb$top2[i],
                                                      ci = arr(c(bb$ci_l[i], bb$ci_u[i])))
    }
  }
  bl <- suppressWarnings(svyby(~top2, ~channel, design, svyciprop, vartype = "ci",
                               method = "logit", level = 0.95, na.rm = TRUE))
  r$top2_logit_0.95 <- list()
  for (i in seq_len(nrow(bl))) {
    r$top2_logit_0.95[[as.character(bl$channel[i])]] <- list(value = bl$top2[i],
                                                           ci = arr(c(bl$ci_l[i], bl$ci_u[i])))
  }
  r$degf <- list()
  r$nrow <- list()
  r$top2_beta_internals_0.95 <- list()
  for (l in lv) {
    sub <- subset(design, channel == l)
    r$degf[[l]] <- degf(sub)
    r$nrow[[l]] <- nrow(sub)
    r$top2_beta_internals_0.95[[l]] <- beta_internals(~top2, sub, 0.95, na.rm = TRUE)
  }
  bm <- svyby(~csat, ~month, design, svymean, na.rm = TRUE)
  r$csat_mean_by_month <- by_value(bm, "csat")
  r
}
nps_by_channel <- function(design) {
  # svyby(covmat = TRUE) fails on calibrated designs in survey 4.1.1 (a subset of a calibrated
  # design keeps every row, and svyby's influence rows no longer line up), so the joint
  # covariance of the domain means is built the way svyby builds it: the influence functions of
  # svymean on each domain (design[rows, , drop = FALSE] keeps all rows, weight 0 outside),
  # stacked, through svyrecvar on the whole design (which applies the calibration residuals).
  lv <- levels(design$variables$channel)
  infl <- list()
  est <- c()
  for (l in lv) {
    m <- svymean(~promoter + detractor, design[design$variables$channel == l, , drop = FALSE],
                 influence = TRUE)
    infl[[l]] <- attr(m, "influence")
    est[paste0(l, ":", names(coef(m)))] <- coef(m)
  }
  v <- svyrecvar(do.call(cbind, infl), design$cluster, design$strata, design$fpc,
                 postStrata = design$postStrata)
  dimnames(v) <- list(names(est), names(est))
  b <- structure(est, var = v, class = "svystat", statistic = "mean")
  if (!survey:::is.calibrated(design)) {
    bb <- svyby(~promoter + detractor, ~channel, design, svymean, covmat = TRUE)
    cb <- coef(bb)[names(est)]
    stopifnot(isTRUE(all.equal(unname(cb), unname(est), tolerance = 1e-12)),
              isTRUE(all.equal(unname(vcov(bb)[names(est), names(est)]), unname(v),
                               tolerance = 1e-12)))
  }
  cn <- names(est)
  out <- list()
  for (l in lv) {
    w <- setNames(rep(0, length(cn)), cn)
    w[paste0(l, ":promoter")] <- 100
    w[paste0(l, ":detractor")] <- -100
    ctr <- svycontrast(b, w)
    out[[l]] <- list(value = unname(coef(ctr)), se = unname(SE(ctr)))
  }
  w <- setNames(rep(0, length(cn)), cn)
  w[c("phone:promoter", "phone:detractor", "email:promoter", "email:detractor")] <-
    c(100, -100, -100, 100)
  ctr <- svycontrast(b, w)
  out$phone_minus_email <- list(value = unname(coef(ctr)), se = unname(SE(ctr)))
  out
}
weights_summary <- function(w) {
  list(first10 = arr(w[1:10]), sum = sum(w), min = min(w), max = max(w),
       kish_efficiency = sum(w)^2 / (length(w) * sum(w^2)))
}
weighted_estimates <- function(design) {
  list(top2 = stat1(svymean(~top2, design, na.rm = TRUE), deff = FALSE),
       csat_mean = stat1(svymean(~csat, design, na.rm = TRUE), deff = FALSE),
       nps = nps_contrast(design)[c("value", "se")],
       promoter = stat1(svymean(~promoter, design), deff = FALSE),
       top2_beta_0.95 = ciprop(~top2, design, "beta", 0.95, na.rm = TRUE),
       top2_logit_0.95 = ciprop(~top2, design, "logit", 0.95, na.rm = TRUE),
       degf = degf(design), nrow = nrow(design),
       nps_by_channel = nps_by_channel(design),
       degf_phone = degf(subset(design, channel == "phone")),
       nrow_phone = nrow(subset(design, channel == "phone")),
       top2_beta_0.95_phone = ciprop(~top2, subset(design, channel == "phone"), "beta", 0.95,
                                     na.rm = TRUE))
}

# ---------------------------------------------------------------------------------------------
# (b) the designs
# ---------------------------------------------------------------------------------------------
designs <- list(
  D1 = list(call = "svydesign(ids = ~1, weights = ~weight, data = d)",
            design = svydesign(ids = ~1, weights = ~weight, data = d)),
  D2 = list(call = "svydesign(ids = ~cluster, weights = ~weight, data = d)",
            design = svydesign(ids = ~cluster, weights = ~weight, data = d)),
  D3 = list(call = "svydesign(ids = ~cluster, strata = ~stratum, fpc = ~fpc, weights = ~weight, data = d)",
            design = svydesign(ids = ~cluster, strata = ~stratum, fpc = ~fpc, weights = ~weight,
                               data = d)),
  D4 = list(call = "svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)",
            design = svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)),
  D5 = list(call = "svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d)",
            design = svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d))
)

result <- list()
result$meta <- list(
  r_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  command = "Rscript tests/reference/r/survey_design.R   (from the repository root)",
  seed = 20261128,
  sample_file = "tests/reference/data/design_sample.csv",
  weights_file = "tests/reference/data/design_weights.csv",
  n = n,
  n_csat_missing = sum(is.na(d$csat)),
  clusters_per_stratum = as.list(tapply(d$cluster, d$stratum, function(x) length(unique(x)))),
  rows_per_stratum = as.list(table(d$stratum)),
  options = list(survey.lonely.psu = getOption("survey.lonely.psu"),
                 survey.adjust.domain.lonely = getOption("survey.adjust.domain.lonely"),
                 survey.ultimate.cluster = getOption("survey.ultimate.cluster")),
  units = "proportions 0..1 for promoter, detractor, top2 (survey's scale); NPS in points -100..100; means in scale units"
)

cases <- list()
for (key in names(designs)) {
  des <- designs[[key]]$design
  cases[[key]] <- list(call = designs[[key]]$call, whole = whole_sample(des), by_channel = domains(des))
}

# ---------------------------------------------------------------------------------------------
# weighting: population margins
# ---------------------------------------------------------------------------------------------
pop_channel <- data.frame(channel = c("chat", "email", "phone"), Freq = c(2000, 3000, 5000))
pop_month <- data.frame(monthf = c("1", "2", "3"), Freq = c(3400, 3300, 3300))
cal_totals <- c(`(Intercept)` = 10000, channelemail = 3000, channelphone = 5000,
                monthf2 = 3300, monthf3 = 3300)

rake_passes <- function(design, control) {
  # rake() does not return its iteration count; the smallest maxit with no warning is the number
  # of passes (one pass = postStratify on every margin in turn) it took to converge.
  for (k in 1:200) {
    ctl <- control
    ctl$maxit <- k
    warned <- FALSE
    withCallingHandlers(
      rake(design, list(~channel, ~monthf), list(pop_channel, pop_month), control = ctl),
      warning = function(w) {
        warned <<- TRUE
        invokeRestart("muffleWarning")
      }
    )
    if (!warned) return(k)
  }
  NA
}

weighting <- function(base) {
  r <- list()
  wcols <- list()
  ps <- postStratify(base, ~channel, pop_channel)
  r$poststratify <- list(call = "postStratify(design, ~channel, data.frame(channel = c('chat','email','phone'), Freq = c(2000, 3000, 5000)))",
                         weights = weights_summary(weights(ps)), estimates = weighted_estimates(ps),
                         by_channel_top2 = by_value(svyby(~top2, ~channel, ps, svymean, na.rm = TRUE), "top2"))
  wcols$poststratify <- weights(ps)

  ctl_tight <- list(maxit = 100, epsilon = 1e-13, verbose = FALSE)
  rk <- rake(base, list(~channel, ~monthf), list(pop_channel, pop_month), control = ctl_tight)
  r$rake <- list(call = "rake(design, list(~channel, ~monthf), list(pop_channel, pop_month), control = list(maxit = 100, epsilon = 1e-13))",
                 weights = weights_summary(weights(rk)), estimates = weighted_estimates(rk),
                 passes = rake_passes(base, ctl_tight),
                 margins_channel = as.list(svytable(~channel, rk)),
                 margins_month = as.list(svytable(~monthf, rk)))
  wcols$rake <- weights(rk)
  ctl_default <- list(maxit = 10, epsilon = 1, verbose = FALSE)
  rkd <- rake(base, list(~channel, ~monthf), list(pop_channel, pop_month))
  r$rake_default_control <- list(call = "rake(design, list(~channel, ~monthf), list(pop_channel, pop_month))   # control = list(maxit = 10, epsilon = 1): stops when no cell of the channel x month weighted table moves by 1 or more",
                                 weights = weights_summary(weights(rkd)),
                                 estimates = weighted_estimates(rkd),
                                 passes = rake_passes(base, ctl_default))
  wcols$rake_default <- weights(rkd)
  cr <- calibrate(base, ~channel + monthf, cal_totals, calfun = "raking", epsilon = 1e-12, maxit = 100)
  r$calibrate_raking <- list(call = "calibrate(design, ~channel + monthf, c(`(Intercept)` = 10000, channelemail = 3000, channelphone = 5000, monthf2 = 3300, monthf3 = 3300), calfun = 'raking', epsilon = 1e-12, maxit = 100)",
                             weights = weights_summary(weights(cr)), estimates = weighted_estimates(cr))
  wcols$calibrate_raking <- weights(cr)
  cl <- calibrate(base, ~channel + monthf, cal_totals, calfun = "linear")
  r$calibrate_linear <- list(call = "calibrate(design, ~channel + monthf, c(`(Intercept)` = 10000, channelemail = 3000, channelphone = 5000, monthf2 = 3300, monthf3 = 3300), calfun = 'linear')",
                             weights = weights_summary(weights(cl)), estimates = weighted_estimates(cl))
  wcols$calibrate_linear <- weights(cl)
  med <- median(weights(base))
  tw <- trimWeights(base, lower = 0.5 * med, upper = 3 * med, strict = TRUE)
  tw1 <- trimWeights(base, lower = 0.5 * med, upper = 3 * med, strict = FALSE)
  r$trim <- list(call = "trimWeights(design, lower = 0.5 * median(weights(design)), upper = 3 * median(weights(design)), strict = TRUE)",
                 median = med, lower = 0.5 * med, upper = 3 * med,
                 weights = weights_summary(weights(tw)), estimates = weighted_estimates(tw),
                 n_below = sum(weights(base) < 0.5 * med), n_above = sum(weights(base) > 3 * med))
  r$trim_not_strict <- list(call = "trimWeights(design, lower = 0.5 * median, upper = 3 * median, strict = FALSE)",
                            weights = weights_summary(weights(tw1)), estimates = weighted_estimates(tw1))
  wcols$trim <- weights(tw)
  wcols$trim_not_strict <- weights(tw1)
  # tighter upper bound, where the strict repetition changes the weights
  tw2 <- trimWeights(base, lower = 0.5 * med, upper = 2 * med, strict = TRUE)
  tw2n <- trimWeights(base, lower = 0.5 * med, upper = 2 * med, strict = FALSE)
  r$trim2 <- list(call = "trimWeights(design, lower = 0.5 * median, upper = 2 * median, strict = TRUE)",
                  weights = weights_summary(weights(tw2)), estimates = weighted_estimates(tw2))
  r$trim2_not_strict <- list(call = "trimWeights(design, lower = 0.5 * median, upper = 2 * median, strict = FALSE)",
                             weights = weights_summary(weights(tw2n)),
                             estimates = weighted_estimates(tw2n))
  wcols$trim2 <- weights(tw2)
  wcols$trim2_not_strict <- weights(tw2n)
  # one margin through rake(): the same weights as postStratify, a different SE (see notes)
  r1 <- rake(base, list(~channel), list(pop_channel), control = ctl_tight)
  r$rake_one_margin <- list(call = "rake(design, list(~channel), list(pop_channel), control = list(maxit = 100, epsilon = 1e-13))",
                            weights = weights_summary(weights(r1)), estimates = weighted_estimates(r1))
  list(result = r, weights = wcols)
}

base_weights <- weights(designs$D1$design)
wD1 <- weighting(designs$D1$design)
wD3 <- weighting(designs$D3$design)
for (nm in names(wD1$weights)) {
  # the weights do not depend on clusters, strata or fpc: only the SEs do
  stopifnot(isTRUE(all.equal(wD1$weights[[nm]], wD3$weights[[nm]], tolerance = 1e-12)))
}
cases$W_D1 <- c(list(design = "D1"), wD1$result)
cases$W_D3 <- c(list(design = "D3"), wD3$result)

wtab <- data.frame(id = d$id, base = base_weights)
for (nm in names(wD1$weights)) wtab[[nm]] <- wD1$weights[[nm]]
wtab_out <- wtab
for (nm in names(wtab_out)[-1]) wtab_out[[nm]] <- num(wtab_out[[nm]])
write.csv(wtab_out, file.path(out_dir, "design_weights.csv"), row.names = FALSE, quote = FALSE)

# ---------------------------------------------------------------------------------------------
# the tiny case of issue 14: 12 answers, one weight of 10, binary top box
# ---------------------------------------------------------------------------------------------
tiny <- data.frame(y = c(1, rep(1, 9), rep(0, 2)), w = c(10, rep(1, 11)))
td <- svydesign(ids = ~1, weights = ~w, data = tiny)
wilson <- function(p, n, level) {
  z <- qnorm(1 - (1 - level) / 2)
  centre <- (p + z^2 / (2 * n)) / (1 + z^2 / n)
  half <- z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2)) / (1 + z^2 / n)
  c(centre - half, centre + half)
}
p_t <- sum(tiny$w * tiny$y) / sum(tiny$w)
kish <- sum(tiny$w)^2 / sum(tiny$w^2)
cases$tiny <- list(
  call = "svydesign(ids = ~1, weights = ~w, data = data.frame(y = c(1, rep(1, 9), rep(0, 2)), w = c(10, rep(1, 11))))",
  y = arr(tiny$y), w = arr(tiny$w),
  mean = stat1(svymean(~y, td, deff = TRUE)),
  degf = degf(td),
  kish_n_eff = kish,
  wilson_kish_0.95 = arr(wilson(p_t, kish, 0.95)),
  beta_0.95 = ciprop(~y, td, "beta", 0.95),
  beta_0.90 = ciprop(~y, td, "beta", 0.90),
  logit_0.95 = ciprop(~y, td, "logit", 0.95),
  likelihood_0.95 = ciprop(~y, td, "likelihood", 0.95),
  beta_internals_0.95 = beta_internals(~y, td, 0.95)
)

# ---------------------------------------------------------------------------------------------
# edge cases: p = 0 and p = 1, a domain with one PSU in a stratum, lonely PSU options
# ---------------------------------------------------------------------------------------------
edge <- list()
e0 <- svydesign(ids = ~1, weights = ~w, data = data.frame(y = rep(0, 6), w = c(1, 2, 3, 1, 2, 3)))
e1 <- svydesign(ids = ~1, weights = ~w, data = data.frame(y = rep(1, 6), w = c(1, 2, 3, 1, 2, 3)))
edge$p0 <- list(mean = stat1(svymean(~y, e0), deff = FALSE), beta_0.95 = ciprop(~y, e0, "beta", 0.95),
                logit_0.95 = ciprop(~y, e0, "logit", 0.95))
edge$p1 <- list(mean = stat1(svymean(~y, e1), deff = FALSE), beta_0.95 = ciprop(~y, e1, "beta", 0.95),
                logit_0.95 = ciprop(~y, e1, "logit", 0.95))
# a domain that is all promoters inside a bigger design: p = 1 in the domain, variance 0
dd <- d
dd$allprom <- dd$channel == "chat" & dd$nps_score >= 9
dsub <- subset(svydesign(ids = ~cluster, strata = ~stratum, fpc = ~fpc, weights = ~weight, data = dd),
               allprom)
edge$domain_all_promoters_D3 <- list(call = "subset(D3, channel == 'chat' & nps_score >= 9); svymean / svyciprop of promoter",
                                     promoter = stat1(svymean(~promoter, dsub), deff = FALSE),
                                     beta_0.95 = ciprop(~promoter, dsub, "beta", 0.95))
# lonely PSU: a stratum with a single cluster in the design (not a domain)
lone <- d[d$stratum != "west" | d$cluster == min(d$cluster[d$stratum == "west"]), ]
lone_res <- list(n = nrow(lone), lonely_cluster = min(d$cluster[d$stratum == "west"]))
for (opt in c("fail", "remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = opt)
  des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = lone)
  m <- tryCatch(stat1(svymean(~promoter, des), deff = FALSE),
                error = function(e) list(error = conditionMessage(e)))
  lone_res[[opt]] <- m
}
options(survey.lonely.psu = "fail")
edge$lonely_psu_D5 <- c(list(call = "svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = lone): D5 on the rows of north, south and one cluster of west; svymean(~promoter) under each options(survey.lonely.psu = ...)"),
                        lone_res)
# a domain with one PSU in a stratum (the default adjust.domain.lonely = FALSE): no error, the
# stratum's lone domain cluster is centred against the stratum's other (zero) clusters
one_clu <- d$cluster == min(d$cluster[d$stratum == "west"]) | d$stratum != "west"
dd$dom1 <- one_clu
ddes <- svydesign(ids = ~cluster, strata = ~stratum, fpc = ~fpc, weights = ~weight, data = dd)
dsub1 <- subset(ddes, dom1)
edge$domain_one_psu_in_stratum_D3 <- list(
  call = "subset(D3, stratum != 'west' | cluster == <first west cluster>); svymean(~promoter)",
  promoter = stat1(svymean(~promoter, dsub1), deff = FALSE), degf = degf(dsub1), nrow = nrow(dsub1))
cases$edge <- edge

result$cases <- cases
writeLines(to_json(result), file.path(out_dir, "design_reference.json"))
cat("wrote", file.path(out_dir, "design_sample.csv"), file.path(out_dir, "design_weights.csv"),
    file.path(out_dir, "design_reference.json"), "\n")
