# The MASS `housing` count table (Madsen 1976, via Venables and Ripley's MASS; GPL-2 | GPL-3)
# written to data/housing.csv, and the reference share of High satisfaction among Tower-block
# tenants with High influence on the management, with its Wilson (score) interval:
# prop.test without continuity correction inverts the score test (Wilson 1927).
#
# Run from tests/reference:  Rscript r/housing.R > data/housing_reference.txt
library(MASS)
cat("R:", R.version.string, "\n")
cat("MASS:", as.character(packageVersion("MASS")), "\n")
write.csv(housing, "data/housing.csv", row.names = FALSE)
cell <- subset(housing, Type == "Tower" & Infl == "High")
n <- sum(cell$Freq)
x <- sum(cell$Freq[cell$Sat == "High"])
ci <- prop.test(x, n, correct = FALSE)$conf.int
cat(sprintf("tower_high_influence x=%d n=%d share=%.10f wilson_low=%.10f wilson_high=%.10f\n",
            x, n, 100 * x / n, 100 * ci[1], 100 * ci[2]))
# every Type x Infl x Cont cell: the share of High and its Wilson interval
cells <- aggregate(Freq ~ Type + Infl + Cont, data = housing, FUN = sum)
high <- aggregate(Freq ~ Type + Infl + Cont, data = subset(housing, Sat == "High"), FUN = sum)
for (i in seq_len(nrow(cells))) {
  k <- high$Freq[high$Type == cells$Type[i] & high$Infl == cells$Infl[i] &
                 high$Cont == cells$Cont[i]]
  ci <- prop.test(k, cells$Freq[i], correct = FALSE)$conf.int
  cat(sprintf("cell %s %s %s x=%d n=%d share=%.10f wilson_low=%.10f wilson_high=%.10f\n",
              cells$Type[i], cells$Infl[i], cells$Cont[i], k, cells$Freq[i],
              100 * k / cells$Freq[i], 100 * ci[1], 100 * ci[2]))
}
