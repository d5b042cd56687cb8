"""Deleting an account on request is confirmed on a page that says what will happen."""

from django.urls import reverse

from accounts.models import ErasureRequest


def test_the_list_leads_to_a_confirmation_page_and_only_its_button_deletes(
    client, district_staff, youth_a, village_a1
):
    erasure = ErasureRequest.objects.create(user=youth_a, centre=village_a1)
    url = reverse("accounts:erasure_carry_out", args=[erasure.pk])
    client.force_login(district_staff)

    listing = client.get(reverse("accounts:erasure_list")).content.decode()
    assert f'href="{url}"' in listing
    assert f'action="{url}"' not in listing

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "无法撤销" in text
    assert "Alice" in text
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.PENDING

    response = client.post(url)
    assert response.status_code == 302
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE
    assert "已经" in client.get(url).content.decode()  # done: nothing left to confirm
