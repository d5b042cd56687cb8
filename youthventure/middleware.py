from django.middleware.locale import LocaleMiddleware


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the person switched to English (the language cookie).

    The browser's Accept-Language is ignored on purpose: many phones and office PCs
    here are set to English, yet the programme's working language is Chinese.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
