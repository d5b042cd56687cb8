"""Wording of allauth's and Django admin's pages in natural Chinese.

allauth's Chinese catalogue says "Email地址", "来自…的 Hello!" and mixes Western punctuation
into Chinese sentences; Django's has no Chinese yet for a few of the admin's newer captions. The
project's own catalogue (locale/) is read before theirs, so a msgid of theirs translated there
wins. ``makemessages`` only keeps msgids it finds in the project's code, so they are listed
here, marked and never used: translate them in locale/zh_Hans/LC_MESSAGES/django.po. (allauth's
e-mails are the project's own templates: templates/account/email/.)
"""

from django.utils.translation import gettext_noop, pgettext_lazy

ALLAUTH = [
    # The sign-in field takes an e-mail address or a mobile number, and the refusal names both.
    pgettext_lazy("field label", "Login"),
    gettext_noop("Email or phone"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The phone number and/or password you specified are not correct."),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Email (optional)"),
    gettext_noop("Email Addresses"),
    gettext_noop("Email Address"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("Current email"),
    gettext_noop("Change Email"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("Verify Your Email Address"),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Primary email address set."),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Email Changed"),
    gettext_noop("Email Confirmation"),
    gettext_noop("Email Removed"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),  # noqa: E501
    gettext_noop("Your account has no verified email address."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Bad Token"),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Enter your password:"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
]

DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
]
