# Amounts as ¥540,000 (Django's zh_Hans: no separator, groups of four). Everything else (dates,
# input formats) is Django's.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
