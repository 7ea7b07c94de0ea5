from __future__ import annotations

import pytest

from interfirm.notifications.channels import (
    SMS_MAX_LENGTH,
    EmailChannel,
    RecordingSmsBackend,
    SmsChannel,
    absolute_link,
    channel_for,
    sms_backend,
    sms_text,
)
from interfirm.notifications.models import Channel, Notification, SmsMessage, Topic

FAILING_SMS = "interfirm.notifications.tests.factories.FailingSmsBackend"


def test_each_channel_has_its_class():
    assert (type(channel_for(Channel.EMAIL)), type(channel_for(Channel.SMS))) == (EmailChannel, SmsChannel)


def test_the_inbox_has_no_channel_to_send_through():
    with pytest.raises(KeyError):
        channel_for(Channel.INBOX)


def test_the_sms_backend_is_the_one_the_settings_name(settings):
    settings.SMS_BACKEND = FAILING_SMS

    assert type(sms_backend()).__name__ == "FailingSmsBackend"


def test_the_default_sms_backend_records_the_message(db):
    RecordingSmsBackend().send(to="+254712345678", body="Hello")

    assert list(SmsMessage.objects.values_list("to", "body")) == [("+254712345678", "Hello")]


def test_links_are_made_absolute_and_default_to_the_inbox():
    assert absolute_link("/opportunities/X1/") == "http://127.0.0.1:8000/opportunities/X1/"
    assert absolute_link("") == "http://127.0.0.1:8000/notifications/"
    assert absolute_link("https://peer.example/x") == "https://peer.example/x"


def test_a_long_sms_is_shortened_but_keeps_its_link():
    notification = Notification(topic=Topic.MESSAGE, subject="word " * 100, body="", url="/introductions/7/")

    text = sms_text(notification)

    assert len(text) == SMS_MAX_LENGTH
    assert text.endswith("… http://127.0.0.1:8000/introductions/7/")
