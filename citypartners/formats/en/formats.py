# British-style dates for the English site: 27 June 1967.
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
