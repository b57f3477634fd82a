# Reference numbers for satisfy's design-based (ultimate-cluster) variance, from R's survey
# package (Lumley 2004, 2010): svydesign with clusters, strata and fpc; svymean (with deff),
# svyby domains, svycontrast for NPS, svyciprop "beta" (Korn-Graubard) and "logit", degf.
#
# Run from tests/reference:  Rscript r/design_core.R
# It writes data/design_core_data.csv (the answers, drawn here with a fixed seed) and
# data/design_core.csv (one row per design, lonely-PSU option, metric and domain). Both
# files carry the R and survey versions in their first line (a comment).
#
# Metrics, on the 0-10 NPS scale (an answer's coded value y, so that each metric is
# svymean(~y) and its deff is svymean's):
#   nps    y = 100 if score >= 9, -100 if score <= 6, else 0 (also checked against
#          svycontrast of the promoter and detractor means, times 100)
#   share  y = 100 if score >= 9 (promoters' share, percent)
#   mean   y = score
# Answers with a missing score are left out as svymean(na.rm = TRUE) leaves them out: the
# design is subset to the answered rows, which keeps every PSU in n_h (R's [.survey.design2).
# deff: svymean(deff = "replace") without fpc, svymean(deff = TRUE) with fpc.
# df: degf() of the design subset to the answered rows of the domain.
suppressMessages(library(survey))
versions <- sprintf("# %s; survey %s", R.version.string, as.character(packageVersion("survey")))

set.seed(20261128)
strata_sizes <- c(north = 5, south = 4, west = 6)        # clusters per stratum
population <- c(north = 12, south = 9, west = 40)         # clusters in the population
answers <- c(north = 40, south = 30, west = 90)           # answers in the population
rows <- list()
for (h in names(strata_sizes)) {
  for (j in seq_len(strata_sizes[[h]])) {
    m <- sample(1:5, 1)
    rows[[length(rows) + 1]] <- data.frame(
      stratum = h, cid = paste0(h, "-", j), N = population[[h]], N_answers = answers[[h]],
      frac = strata_sizes[[h]] / population[[h]],
      score = sample(0:10, m, replace = TRUE, prob = c(1, 1, 1, 1, 2, 2, 3, 4, 6, 6, 5)),
      w = round(runif(1, 1, 4), 2) * round(runif(m, 0.8, 1.25), 3),
      segment = sample(c("web", "phone"), m, replace = TRUE),
      stringsAsFactors = FALSE)
  }
}
d <- do.call(rbind, rows)
d$score[c(3, 17, 30)] <- NA
# a stratum with a single cluster, for the lonely-PSU options
d$lonely <- ifelse(d$cid == "south-1", "solo", d$stratum)
d$y_nps <- ifelse(d$score >= 9, 100, ifelse(d$score <= 6, -100, 0))
d$y_share <- ifelse(d$score >= 9, 100, 0)
d$y_mean <- d$score
d$promoter <- as.numeric(d$score >= 9)
d$detractor <- as.numeric(d$score <= 6)
d$is_promoter <- d$score >= 9

designs <- list(
  clusters = function(data) svydesign(ids = ~cid, weights = ~w, data = data),
  strata_clusters_fpc = function(data) svydesign(ids = ~cid, strata = ~stratum, fpc = ~N,
                                                  weights = ~w, data = data),
  strata_clusters_fraction = function(data) svydesign(ids = ~cid, strata = ~stratum,
                                                       fpc = ~frac, weights = ~w, data = data),
  strata_only = function(data) svydesign(ids = ~1, strata = ~stratum, weights = ~w,
                                         data = data),
  strata_only_fpc = function(data) svydesign(ids = ~1, strata = ~stratum, fpc = ~N_answers,
                                             weights = ~w, data = data),
  no_design = function(data) svydesign(ids = ~1, weights = ~w, data = data),
  lonely = function(data) svydesign(ids = ~cid, strata = ~lonely, weights = ~w, data = data)
)

out <- list()
add <- function(...) out[[length(out) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
fmt <- function(x) sprintf("%.15g", x)

for (name in names(designs)) {
  options_lonely <- if (name == "lonely") c("adjust", "certainty", "remove", "average") else "fail"
  for (lonely in options_lonely) {
    options(survey.lonely.psu = lonely)
    full <- designs[[name]](d)
    answered <- subset(full, !is.na(score))
    has_fpc <- !is.null(full$fpc$popsize)
    for (domain in c("all", "web", "phone")) {
      des <- if (domain == "all") answered else subset(answered, segment == domain)
      for (metric in c("nps", "share", "mean")) {
        f <- as.formula(paste0("~y_", metric))
        m <- svymean(f, des, deff = if (has_fpc) TRUE else "replace")
        row <- list(design = name, lonely_psu = lonely, metric = metric, domain = domain,
                    n = nrow(des), value = fmt(coef(m)), se = fmt(SE(m)),
                    deff = fmt(deff(m)), df = degf(des),
                    beta_low = "", beta_high = "", logit_low = "", logit_high = "",
                    contrast_value = "", contrast_se = "")
        if (metric == "share") {
          b <- svyciprop(~is_promoter, des, method = "beta")
          l <- svyciprop(~is_promoter, des, method = "logit")
          row$beta_low <- fmt(100 * attr(b, "ci")[1])
          row$beta_high <- fmt(100 * attr(b, "ci")[2])
          row$logit_low <- fmt(100 * attr(l, "ci")[1])
          row$logit_high <- fmt(100 * attr(l, "ci")[2])
        }
        if (metric == "nps") {
          pd <- svymean(~promoter + detractor, des)
          con <- svycontrast(pd, c(promoter = 100, detractor = -100))
          row$contrast_value <- fmt(coef(con))
          row$contrast_se <- fmt(SE(con))
        }
        do.call(add, row)
      }
    }
    # svyby over the segments: the same domain estimates in one call
    for (metric in c("nps", "share", "mean")) {
      f <- as.formula(paste0("~y_", metric))
      by <- svyby(f, ~segment, answered, svymean)
      for (i in seq_len(nrow(by))) {
        add(design = name, lonely_psu = lonely, metric = metric,
            domain = paste0("svyby:", by$segment[i]), n = NA, value = fmt(coef(by)[i]),
            se = fmt(SE(by)[i]), deff = "", df = NA, beta_low = "", beta_high = "",
            logit_low = "", logit_high = "", contrast_value = "", contrast_se = "")
      }
    }
  }
}
options(survey.lonely.psu = "fail")
res <- do.call(rbind, out)

write_with_header <- function(frame, path) {
  con <- file(path, "w")
  writeLines(versions, con)
  write.csv(frame, con, row.names = FALSE, na = "")
  close(con)
}
write_with_header(d[, c("stratum", "cid", "N", "N_answers", "frac", "score", "w", "segment", "lonely")],
                  "data/design_core_data.csv")
write_with_header(res, "data/design_core.csv")
cat(versions, "\n")
