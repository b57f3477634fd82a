"""The standard wordings of the preset scales in sixteen languages, and non-answer wordings.

Plain data, read by :mod:`satisfy.scales`: each family maps a language code to its
wordings, each wording one label per point, lowest point first (in the order of the
preset's numbers: dissatisfied to satisfied, disagree to agree, low effort to high effort,
1 star to 5 stars). The first wording of a language is its main one; the others are
variants in use (a "Neutral" middle point, "Somewhat"/"Rather" for the inner points,
feminine forms). Where each wording was checked against a published translation is
written in ``docs/explanation/languages.rst``.

Matching is case-, accent-, space- and apostrophe-insensitive (``_coding.normalize_label``),
so a wording is written once, with its accents, and its unaccented and upper-case forms
match too.
"""

from __future__ import annotations

#: Language codes (ISO 639-1; Norwegian as its two written standards) and their names.
LANGUAGES: dict[str, str] = {
    "da": "Danish",
    "nb": "Norwegian (bokmål)",
    "nn": "Norwegian (nynorsk)",
    "sv": "Swedish",
    "fi": "Finnish",
    "de": "German",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "et": "Estonian",
    "nl": "Dutch",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "en": "English",
}

Wordings = dict[str, tuple[tuple[str, ...], ...]]

#: Satisfaction, 5 points: very dissatisfied .. very satisfied (CSAT5).
SATISFACTION5: Wordings = {
    "en": (
        (
            "Very dissatisfied",
            "Dissatisfied",
            "Neither satisfied nor dissatisfied",
            "Satisfied",
            "Very satisfied",
        ),
        ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"),
        (
            "Extremely dissatisfied",
            "Somewhat dissatisfied",
            "Neither satisfied nor dissatisfied",
            "Somewhat satisfied",
            "Extremely satisfied",
        ),
    ),
    "da": (
        (
            "Meget utilfreds",
            "Utilfreds",
            "Hverken tilfreds eller utilfreds",
            "Tilfreds",
            "Meget tilfreds",
        ),
        ("Meget utilfreds", "Utilfreds", "Neutral", "Tilfreds", "Meget tilfreds"),
        ("Meget utilfreds", "Utilfreds", "Hverken/eller", "Tilfreds", "Meget tilfreds"),
    ),
    "nb": (
        (
            "Svært misfornøyd",
            "Misfornøyd",
            "Verken fornøyd eller misfornøyd",
            "Fornøyd",
            "Svært fornøyd",
        ),
        ("Veldig misfornøyd", "Misfornøyd", "Nøytral", "Fornøyd", "Veldig fornøyd"),
        (
            "Meget misfornøyd",
            "Misfornøyd",
            "Hverken fornøyd eller misfornøyd",
            "Fornøyd",
            "Meget fornøyd",
        ),
        (
            "Svært misfornøyd",
            "Litt misfornøyd",
            "Verken fornøyd eller misfornøyd",
            "Ganske fornøyd",
            "Svært godt fornøyd",
        ),
    ),
    "nn": (
        ("Svært misnøgd", "Misnøgd", "Verken nøgd eller misnøgd", "Nøgd", "Svært nøgd"),
        ("Veldig misnøgd", "Misnøgd", "Korkje nøgd eller misnøgd", "Nøgd", "Veldig nøgd"),
    ),
    "sv": (
        ("Mycket missnöjd", "Missnöjd", "Varken nöjd eller missnöjd", "Nöjd", "Mycket nöjd"),
        (
            "Mycket missnöjd",
            "Ganska missnöjd",
            "Varken nöjd eller missnöjd",
            "Ganska nöjd",
            "Mycket nöjd",
        ),
        ("Mycket missnöjd", "Missnöjd", "Neutral", "Nöjd", "Mycket nöjd"),
    ),
    "fi": (
        (
            "Erittäin tyytymätön",
            "Tyytymätön",
            "Ei tyytyväinen eikä tyytymätön",
            "Tyytyväinen",
            "Erittäin tyytyväinen",
        ),
        (
            "Erittäin tyytymätön",
            "Melko tyytymätön",
            "En tyytyväinen enkä tyytymätön",
            "Melko tyytyväinen",
            "Erittäin tyytyväinen",
        ),
    ),
    "de": (
        (
            "Sehr unzufrieden",
            "Unzufrieden",
            "Weder zufrieden noch unzufrieden",
            "Zufrieden",
            "Sehr zufrieden",
        ),
        ("Sehr unzufrieden", "Eher unzufrieden", "Teils/teils", "Eher zufrieden", "Sehr zufrieden"),
        ("Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"),
    ),
    "lv": (
        (
            "Ļoti neapmierināts",
            "Neapmierināts",
            "Ne apmierināts, ne neapmierināts",
            "Apmierināts",
            "Ļoti apmierināts",
        ),
        (
            "Ļoti neapmierināta",
            "Neapmierināta",
            "Ne apmierināta, ne neapmierināta",
            "Apmierināta",
            "Ļoti apmierināta",
        ),
        (
            "Pilnīgi neapmierināts",
            "Drīzāk neapmierināts",
            "Neitrāli",
            "Drīzāk apmierināts",
            "Pilnīgi apmierināts",
        ),
    ),
    "lt": (
        (
            "Labai nepatenkintas",
            "Nepatenkintas",
            "Nei patenkintas, nei nepatenkintas",
            "Patenkintas",
            "Labai patenkintas",
        ),
        (
            "Labai nepatenkinta",
            "Nepatenkinta",
            "Nei patenkinta, nei nepatenkinta",
            "Patenkinta",
            "Labai patenkinta",
        ),
    ),
    "et": (
        ("Väga rahulolematu", "Rahulolematu", "Ei rahul ega rahulolematu", "Rahul", "Väga rahul"),
        ("Üldse ei ole rahul", "Pigem ei ole rahul", "Nii ja naa", "Pigem rahul", "Täiesti rahul"),
    ),
    "nl": (
        (
            "Zeer ontevreden",
            "Ontevreden",
            "Niet tevreden, niet ontevreden",
            "Tevreden",
            "Zeer tevreden",
        ),
        ("Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"),
        ("Heel ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Heel tevreden"),
    ),
    "fr": (
        (
            "Très insatisfait",
            "Insatisfait",
            "Ni satisfait ni insatisfait",
            "Satisfait",
            "Très satisfait",
        ),
        (
            "Très insatisfait",
            "Plutôt insatisfait",
            "Ni satisfait ni insatisfait",
            "Plutôt satisfait",
            "Très satisfait",
        ),
        ("Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"),
    ),
    "es": (
        (
            "Muy insatisfecho",
            "Insatisfecho",
            "Ni satisfecho ni insatisfecho",
            "Satisfecho",
            "Muy satisfecho",
        ),
        (
            "Muy insatisfecha",
            "Insatisfecha",
            "Ni satisfecha ni insatisfecha",
            "Satisfecha",
            "Muy satisfecha",
        ),
        ("Muy insatisfecho", "Algo insatisfecho", "Neutral", "Algo satisfecho", "Muy satisfecho"),
    ),
    "it": (
        (
            "Molto insoddisfatto",
            "Insoddisfatto",
            "Né soddisfatto né insoddisfatto",
            "Soddisfatto",
            "Molto soddisfatto",
        ),
        (
            "Molto insoddisfatta",
            "Insoddisfatta",
            "Né soddisfatta né insoddisfatta",
            "Soddisfatta",
            "Molto soddisfatta",
        ),
        ("Molto insoddisfatto", "Insoddisfatto", "Neutrale", "Soddisfatto", "Molto soddisfatto"),
    ),
    "pt": (
        (
            "Muito insatisfeito",
            "Insatisfeito",
            "Nem satisfeito nem insatisfeito",
            "Satisfeito",
            "Muito satisfeito",
        ),
        (
            "Muito insatisfeita",
            "Insatisfeita",
            "Nem satisfeita nem insatisfeita",
            "Satisfeita",
            "Muito satisfeita",
        ),
        ("Muito insatisfeito", "Insatisfeito", "Neutro", "Satisfeito", "Muito satisfeito"),
    ),
    "pl": (
        (
            "Bardzo niezadowolony",
            "Niezadowolony",
            "Ani zadowolony, ani niezadowolony",
            "Zadowolony",
            "Bardzo zadowolony",
        ),
        (
            "Bardzo niezadowolona",
            "Niezadowolona",
            "Ani zadowolona, ani niezadowolona",
            "Zadowolona",
            "Bardzo zadowolona",
        ),
        (
            "Bardzo niezadowolony",
            "Raczej niezadowolony",
            "Neutralny",
            "Raczej zadowolony",
            "Bardzo zadowolony",
        ),
    ),
}

#: Agreement, 5 points: strongly disagree .. strongly agree (LIKERT5).
AGREEMENT5: Wordings = {
    "en": (
        ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"),
        ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"),
        ("Disagree strongly", "Disagree", "Neither agree nor disagree", "Agree", "Agree strongly"),
        (
            "Strongly disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Strongly agree",
        ),
    ),
    "da": (
        ("Helt uenig", "Uenig", "Hverken enig eller uenig", "Enig", "Helt enig"),
        ("Helt uenig", "Delvis uenig", "Hverken enig eller uenig", "Delvis enig", "Helt enig"),
        ("Helt uenig", "Uenig", "Neutral", "Enig", "Helt enig"),
    ),
    "nb": (
        ("Helt uenig", "Uenig", "Verken enig eller uenig", "Enig", "Helt enig"),
        ("Helt uenig", "Delvis uenig", "Hverken enig eller uenig", "Delvis enig", "Helt enig"),
        ("Helt uenig", "Litt uenig", "Nøytral", "Litt enig", "Helt enig"),
    ),
    "nn": (
        ("Heilt ueinig", "Ueinig", "Verken einig eller ueinig", "Einig", "Heilt einig"),
        (
            "Heilt ueinig",
            "Delvis ueinig",
            "Korkje einig eller ueinig",
            "Delvis einig",
            "Heilt einig",
        ),
    ),
    "sv": (
        (
            "Tar starkt avstånd",
            "Tar avstånd",
            "Varken instämmer eller tar avstånd",
            "Instämmer",
            "Instämmer starkt",
        ),
        (
            "Tar helt avstånd",
            "Tar delvis avstånd",
            "Varken instämmer eller tar avstånd",
            "Instämmer delvis",
            "Instämmer helt",
        ),
        ("Instämmer inte alls", "Instämmer inte", "Neutral", "Instämmer", "Instämmer helt"),
        (
            "Håller inte alls med",
            "Håller inte med",
            "Varken eller",
            "Håller med",
            "Håller helt med",
        ),
        (
            "Jag håller inte alls med",
            "Jag håller till viss del inte med",
            "Jag varken håller med eller inte",
            "Jag håller till viss del med",
            "Jag håller definitivt med",
        ),
    ),
    "fi": (
        (
            "Täysin eri mieltä",
            "Jokseenkin eri mieltä",
            "Ei samaa eikä eri mieltä",
            "Jokseenkin samaa mieltä",
            "Täysin samaa mieltä",
        ),
        (
            "Täysin eri mieltä",
            "Eri mieltä",
            "En samaa enkä eri mieltä",
            "Samaa mieltä",
            "Täysin samaa mieltä",
        ),
    ),
    "de": (
        (
            "Stimme überhaupt nicht zu",
            "Stimme nicht zu",
            "Weder noch",
            "Stimme zu",
            "Stimme voll und ganz zu",
        ),
        (
            "Stimme überhaupt nicht zu",
            "Stimme eher nicht zu",
            "Teils/teils",
            "Stimme eher zu",
            "Stimme voll und ganz zu",
        ),
        ("Stimme überhaupt nicht zu", "Stimme nicht zu", "Neutral", "Stimme zu", "Stimme stark zu"),
        (
            "Stimme überhaupt nicht zu",
            "Stimme eher nicht zu",
            "Stimme weder zu noch nicht zu",
            "Stimme eher zu",
            "Stimme völlig zu",
        ),
    ),
    "lv": (
        (
            "Pilnīgi nepiekrītu",
            "Nepiekrītu",
            "Ne piekrītu, ne nepiekrītu",
            "Piekrītu",
            "Pilnīgi piekrītu",
        ),
        (
            "Pilnībā nepiekrītu",
            "Drīzāk nepiekrītu",
            "Neitrāli",
            "Drīzāk piekrītu",
            "Pilnībā piekrītu",
        ),
    ),
    "lt": (
        (
            "Visiškai nesutinku",
            "Nesutinku",
            "Nei sutinku, nei nesutinku",
            "Sutinku",
            "Visiškai sutinku",
        ),
        ("Visiškai nesutinku", "Nesutinku", "Neutraliai", "Sutinku", "Visiškai sutinku"),
    ),
    "et": (
        ("Üldse ei nõustu", "Ei nõustu", "Ei nõustu ega ole vastu", "Nõustun", "Täiesti nõustun"),
        ("Üldse ei ole nõus", "Pigem ei ole nõus", "Nii ja naa", "Pigem nõus", "Täiesti nõus"),
    ),
    "nl": (
        (
            "Helemaal mee oneens",
            "Mee oneens",
            "Niet mee eens, niet mee oneens",
            "Mee eens",
            "Helemaal mee eens",
        ),
        ("Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"),
        (
            "Helemaal mee oneens",
            "Mee oneens",
            "Niet eens, niet oneens",
            "Mee eens",
            "Helemaal mee eens",
        ),
        ("Zeer oneens", "Oneens", "Noch eens, noch oneens", "Eens", "Zeer eens"),
    ),
    "fr": (
        (
            "Pas du tout d'accord",
            "Pas d'accord",
            "Ni d'accord ni pas d'accord",
            "D'accord",
            "Tout à fait d'accord",
        ),
        (
            "Pas du tout d'accord",
            "Plutôt pas d'accord",
            "Ni d'accord ni pas d'accord",
            "Plutôt d'accord",
            "Tout à fait d'accord",
        ),
        ("Fortement en désaccord", "En désaccord", "Neutre", "D'accord", "Fortement d'accord"),
        (
            "Pas du tout d'accord",
            "Pas vraiment d'accord",
            "Ni d'accord, ni pas d'accord",
            "Plutôt d'accord",
            "Tout à fait d'accord",
        ),
    ),
    "es": (
        (
            "Totalmente en desacuerdo",
            "En desacuerdo",
            "Ni de acuerdo ni en desacuerdo",
            "De acuerdo",
            "Totalmente de acuerdo",
        ),
        ("Muy en desacuerdo", "En desacuerdo", "Neutral", "De acuerdo", "Muy de acuerdo"),
        (
            "Totalmente en desacuerdo",
            "Algo en desacuerdo",
            "Ni de acuerdo ni en desacuerdo",
            "Algo de acuerdo",
            "Totalmente de acuerdo",
        ),
    ),
    "it": (
        (
            "Fortemente in disaccordo",
            "In disaccordo",
            "Né d'accordo né in disaccordo",
            "D'accordo",
            "Fortemente d'accordo",
        ),
        (
            "Completamente in disaccordo",
            "In disaccordo",
            "Neutrale",
            "D'accordo",
            "Completamente d'accordo",
        ),
        (
            "Non concordo affatto",
            "Abbastanza in disaccordo",
            "Né d'accordo né in disaccordo",
            "Abbastanza d'accordo",
            "Concordo in pieno",
        ),
        ("Per niente d'accordo", "Non d'accordo", "Neutrale", "D'accordo", "Pienamente d'accordo"),
    ),
    "pt": (
        (
            "Discordo totalmente",
            "Discordo",
            "Não concordo nem discordo",
            "Concordo",
            "Concordo totalmente",
        ),
        (
            "Discordo completamente",
            "Discordo",
            "Nem concordo nem discordo",
            "Concordo",
            "Concordo completamente",
        ),
        (
            "Discordo totalmente",
            "Discordo parcialmente",
            "Neutro",
            "Concordo parcialmente",
            "Concordo totalmente",
        ),
    ),
    "pl": (
        (
            "Zdecydowanie się nie zgadzam",
            "Nie zgadzam się",
            "Ani się zgadzam, ani się nie zgadzam",
            "Zgadzam się",
            "Zdecydowanie się zgadzam",
        ),
        (
            "Zdecydowanie nie zgadzam się",
            "Raczej nie zgadzam się",
            "Ani tak, ani nie",
            "Raczej zgadzam się",
            "Zdecydowanie zgadzam się",
        ),
    ),
}

#: Agreement, 7 points: strongly disagree .. strongly agree (CES7, LIKERT7; CES 2.0).
AGREEMENT7: Wordings = {
    "en": (
        (
            "Strongly disagree",
            "Disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Agree",
            "Strongly agree",
        ),
        (
            "Strongly disagree",
            "Disagree",
            "Somewhat disagree",
            "Neutral",
            "Somewhat agree",
            "Agree",
            "Strongly agree",
        ),
    ),
    "da": (
        (
            "Helt uenig",
            "Uenig",
            "Delvis uenig",
            "Hverken enig eller uenig",
            "Delvis enig",
            "Enig",
            "Helt enig",
        ),
        ("Helt uenig", "Uenig", "Delvis uenig", "Neutral", "Delvis enig", "Enig", "Helt enig"),
    ),
    "nb": (
        (
            "Helt uenig",
            "Uenig",
            "Litt uenig",
            "Verken enig eller uenig",
            "Litt enig",
            "Enig",
            "Helt enig",
        ),
        (
            "Helt uenig",
            "Uenig",
            "Delvis uenig",
            "Hverken enig eller uenig",
            "Delvis enig",
            "Enig",
            "Helt enig",
        ),
    ),
    "nn": (
        (
            "Heilt ueinig",
            "Ueinig",
            "Litt ueinig",
            "Verken einig eller ueinig",
            "Litt einig",
            "Einig",
            "Heilt einig",
        ),
        (
            "Heilt ueinig",
            "Ueinig",
            "Delvis ueinig",
            "Korkje einig eller ueinig",
            "Delvis einig",
            "Einig",
            "Heilt einig",
        ),
    ),
    "sv": (
        (
            "Tar helt avstånd",
            "Tar avstånd",
            "Tar delvis avstånd",
            "Varken instämmer eller tar avstånd",
            "Instämmer delvis",
            "Instämmer",
            "Instämmer helt",
        ),
    ),
    "fi": (
        (
            "Täysin eri mieltä",
            "Eri mieltä",
            "Jokseenkin eri mieltä",
            "Ei samaa eikä eri mieltä",
            "Jokseenkin samaa mieltä",
            "Samaa mieltä",
            "Täysin samaa mieltä",
        ),
    ),
    "de": (
        (
            "Stimme überhaupt nicht zu",
            "Stimme nicht zu",
            "Stimme eher nicht zu",
            "Weder noch",
            "Stimme eher zu",
            "Stimme zu",
            "Stimme voll und ganz zu",
        ),
        (
            "Stimme überhaupt nicht zu",
            "Stimme nicht zu",
            "Stimme eher nicht zu",
            "Neutral",
            "Stimme eher zu",
            "Stimme zu",
            "Stimme voll und ganz zu",
        ),
    ),
    "lv": (
        (
            "Pilnīgi nepiekrītu",
            "Nepiekrītu",
            "Drīzāk nepiekrītu",
            "Ne piekrītu, ne nepiekrītu",
            "Drīzāk piekrītu",
            "Piekrītu",
            "Pilnīgi piekrītu",
        ),
    ),
    "lt": (
        (
            "Visiškai nesutinku",
            "Nesutinku",
            "Iš dalies nesutinku",
            "Nei sutinku, nei nesutinku",
            "Iš dalies sutinku",
            "Sutinku",
            "Visiškai sutinku",
        ),
    ),
    "et": (
        (
            "Üldse ei nõustu",
            "Ei nõustu",
            "Pigem ei nõustu",
            "Ei nõustu ega ole vastu",
            "Pigem nõustun",
            "Nõustun",
            "Täiesti nõustun",
        ),
    ),
    "nl": (
        (
            "Helemaal oneens",
            "Oneens",
            "Enigszins oneens",
            "Neutraal",
            "Enigszins eens",
            "Eens",
            "Helemaal eens",
        ),
        (
            "Helemaal mee oneens",
            "Mee oneens",
            "Enigszins mee oneens",
            "Niet eens, niet oneens",
            "Enigszins mee eens",
            "Mee eens",
            "Helemaal mee eens",
        ),
    ),
    "fr": (
        (
            "Pas du tout d'accord",
            "Pas d'accord",
            "Plutôt pas d'accord",
            "Ni d'accord ni pas d'accord",
            "Plutôt d'accord",
            "D'accord",
            "Tout à fait d'accord",
        ),
        (
            "Fortement en désaccord",
            "En désaccord",
            "Plutôt en désaccord",
            "Neutre",
            "Plutôt d'accord",
            "D'accord",
            "Fortement d'accord",
        ),
    ),
    "es": (
        (
            "Totalmente en desacuerdo",
            "En desacuerdo",
            "Algo en desacuerdo",
            "Ni de acuerdo ni en desacuerdo",
            "Algo de acuerdo",
            "De acuerdo",
            "Totalmente de acuerdo",
        ),
    ),
    "it": (
        (
            "Fortemente in disaccordo",
            "In disaccordo",
            "Parzialmente in disaccordo",
            "Né d'accordo né in disaccordo",
            "Parzialmente d'accordo",
            "D'accordo",
            "Fortemente d'accordo",
        ),
    ),
    "pt": (
        (
            "Discordo totalmente",
            "Discordo",
            "Discordo parcialmente",
            "Não concordo nem discordo",
            "Concordo parcialmente",
            "Concordo",
            "Concordo totalmente",
        ),
    ),
    "pl": (
        (
            "Zdecydowanie się nie zgadzam",
            "Nie zgadzam się",
            "Raczej się nie zgadzam",
            "Ani się zgadzam, ani się nie zgadzam",
            "Raczej się zgadzam",
            "Zgadzam się",
            "Zdecydowanie się zgadzam",
        ),
    ),
}

#: Effort, 5 points: very low effort .. very high effort (CES5; lower is better).
EFFORT5: Wordings = {
    "en": (
        ("Very low effort", "Low effort", "Moderate effort", "High effort", "Very high effort"),
    ),
    "da": (
        (
            "Meget lille indsats",
            "Lille indsats",
            "Moderat indsats",
            "Stor indsats",
            "Meget stor indsats",
        ),
    ),
    "nb": (
        (
            "Svært liten innsats",
            "Liten innsats",
            "Moderat innsats",
            "Stor innsats",
            "Svært stor innsats",
        ),
    ),
    "nn": (
        (
            "Svært liten innsats",
            "Liten innsats",
            "Moderat innsats",
            "Stor innsats",
            "Svært stor innsats",
        ),
    ),
    "sv": (
        (
            "Mycket liten ansträngning",
            "Liten ansträngning",
            "Måttlig ansträngning",
            "Stor ansträngning",
            "Mycket stor ansträngning",
        ),
    ),
    "fi": (
        (
            "Erittäin vähän vaivaa",
            "Vähän vaivaa",
            "Kohtalaisesti vaivaa",
            "Paljon vaivaa",
            "Erittäin paljon vaivaa",
        ),
    ),
    "de": (
        (
            "Sehr geringer Aufwand",
            "Geringer Aufwand",
            "Mäßiger Aufwand",
            "Hoher Aufwand",
            "Sehr hoher Aufwand",
        ),
    ),
    "lv": (
        (
            "Ļoti maza piepūle",
            "Maza piepūle",
            "Vidēja piepūle",
            "Liela piepūle",
            "Ļoti liela piepūle",
        ),
    ),
    "lt": (
        (
            "Labai mažos pastangos",
            "Mažos pastangos",
            "Vidutinės pastangos",
            "Didelės pastangos",
            "Labai didelės pastangos",
        ),
    ),
    "et": (
        (
            "Väga väike pingutus",
            "Väike pingutus",
            "Mõõdukas pingutus",
            "Suur pingutus",
            "Väga suur pingutus",
        ),
    ),
    "nl": (
        (
            "Zeer weinig moeite",
            "Weinig moeite",
            "Gemiddelde moeite",
            "Veel moeite",
            "Zeer veel moeite",
        ),
    ),
    "fr": (
        (
            "Effort très faible",
            "Effort faible",
            "Effort modéré",
            "Effort élevé",
            "Effort très élevé",
        ),
    ),
    "es": (
        (
            "Esfuerzo muy bajo",
            "Esfuerzo bajo",
            "Esfuerzo moderado",
            "Esfuerzo alto",
            "Esfuerzo muy alto",
        ),
    ),
    "it": (
        (
            "Sforzo molto basso",
            "Sforzo basso",
            "Sforzo moderato",
            "Sforzo elevato",
            "Sforzo molto elevato",
        ),
    ),
    "pt": (
        (
            "Esforço muito baixo",
            "Esforço baixo",
            "Esforço moderado",
            "Esforço alto",
            "Esforço muito alto",
        ),
    ),
    "pl": (
        (
            "Bardzo mały wysiłek",
            "Mały wysiłek",
            "Umiarkowany wysiłek",
            "Duży wysiłek",
            "Bardzo duży wysiłek",
        ),
    ),
}


def _stars(one: str, few: str, five: str | None = None) -> tuple[tuple[str, ...], ...]:
    return ((f"1 {one}", f"2 {few}", f"3 {few}", f"4 {few}", f"5 {five or few}"),)


#: Star ratings, 1 to 5 whole stars (STARS5).
STARS5: Wordings = {
    "en": _stars("star", "stars"),
    "da": _stars("stjerne", "stjerner"),
    "nb": _stars("stjerne", "stjerner"),
    "nn": _stars("stjerne", "stjerner"),
    "sv": _stars("stjärna", "stjärnor"),
    "fi": _stars("tähti", "tähteä"),
    "de": _stars("Stern", "Sterne"),
    "lv": _stars("zvaigzne", "zvaigznes"),
    "lt": _stars("žvaigždutė", "žvaigždutės") + _stars("žvaigždė", "žvaigždės"),
    "et": _stars("täht", "tähte"),
    "nl": _stars("ster", "sterren"),
    "fr": _stars("étoile", "étoiles"),
    "es": _stars("estrella", "estrellas"),
    "it": _stars("stella", "stelle"),
    "pt": _stars("estrela", "estrelas"),
    "pl": _stars("gwiazdka", "gwiazdki", "gwiazdek"),
}

#: Each family, the preset scales that carry it, and where its best answer is in its
#: standard order: "last" (satisfaction, stars), "first" (effort: low is good) or None
#: (agreement: which end is good depends on the statement).
FAMILIES: dict[str, tuple[Wordings, tuple[str, ...], str | None]] = {
    "satisfaction": (SATISFACTION5, ("CSAT5",), "last"),
    "agreement5": (AGREEMENT5, ("LIKERT5",), None),
    "agreement7": (AGREEMENT7, ("CES7", "LIKERT7"), None),
    "effort": (EFFORT5, ("CES5",), "first"),
    "stars": (STARS5, ("STARS5",), "last"),
}

#: Common non-answer wordings: don't know, can't say, not applicable, no opinion, prefer not
#: to say; English first, then by language as in LANGUAGES.
DONT_KNOW: tuple[str, ...] = (
    # English
    "Don't know",
    "Do not know",
    "N/A",
    "Not applicable",
    "No opinion",
    "Prefer not to say",
    "Can't say",
    # Danish
    "Ved ikke",
    "Ikke relevant",
    "Ønsker ikke at svare",
    # Norwegian (bokmål, nynorsk)
    "Vet ikke",
    "Ikke aktuelt",
    "Veit ikkje",
    "Ikkje aktuelt",
    "Ikkje relevant",
    # Swedish
    "Vet inte",
    "Ingen åsikt",
    "Ej aktuellt",
    "Inte aktuellt",
    # Finnish
    "En osaa sanoa",
    "Ei koske minua",
    # German
    "Weiß nicht",
    "Keine Angabe",
    "Nicht zutreffend",
    "Kann ich nicht beurteilen",
    # Latvian
    "Nezinu",
    "Grūti pateikt",
    "Nav attiecināms",
    # Lithuanian
    "Nežinau",
    "Sunku pasakyti",
    "Netaikoma",
    # Estonian
    "Ei oska öelda",
    "Ei puuduta mind",
    # Dutch
    "Weet niet",
    "Geen mening",
    "Niet van toepassing",
    "N.v.t.",
    # French
    "Ne sais pas",
    "Je ne sais pas",
    "Sans opinion",
    "Non applicable",
    "Ne se prononce pas",
    # Spanish
    "No sé",
    "No sabe",
    "No aplica",
    "No sabe / No contesta",
    "NS/NC",
    # Italian
    "Non so",
    "Non saprei",
    "Non applicabile",
    # Portuguese
    "Não sei",
    "Não se aplica",
    # Polish
    "Nie wiem",
    "Trudno powiedzieć",
    "Nie dotyczy",
)
