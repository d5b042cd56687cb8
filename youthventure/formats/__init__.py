"""The portal's own number formats (``FORMAT_MODULE_PATH``), over Django's locale formats.

Django's Simplified Chinese formats group digits by ten thousand with no separator, so
``intcomma`` printed ¥540000 in Chinese and ¥540,000 in English. Here both languages group by
thousands with a comma, as Chinese finance and government documents do. Only what asks for
grouping is grouped (``intcomma``, the money amounts): ``USE_THOUSAND_SEPARATOR`` stays off,
so ids, years and form values are printed as plain digits.
"""
