from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "interfirm.geo"
    label = "geo"
