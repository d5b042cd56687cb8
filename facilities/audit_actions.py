from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("facilities.member_joined", _("Book club member added"))
register("facilities.member_changed", _("Book club member changed"))
register("facilities.book_borrowed", _("Book lent"))
register("facilities.book_returned", _("Book returned"))
register("facilities.newsstand_saved", _("Newsstand saved"))
