# The same grouping as in Chinese (and as Django's en); everything else is Django's.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
