from django.db import migrations

LANGUAGES = ["fr", "en", "nl", "ar", "uk", "es"]
PURPOSES = ["accompaniment", "mentoring", "statistics"]

# Version 1 of the consent shown on the public application form, in each language of the site. The French
# wording is the reference (the same as the coaches record on paper); a change is a new version, never an edit.
CONSENT = {
    "fr": (
        "J'accepte qu'InterLab conserve les informations que je donne pour m'accompagner dans mon projet "
        "(accompagnement), pour me proposer un·e mentor (mentorat) et pour produire des statistiques anonymes "
        "destinées aux financeurs (statistiques). Je peux consulter, corriger ou faire effacer mes données à tout "
        "moment. Mes données ne sont jamais transmises aux autorités d'immigration."
    ),
    "en": (
        "I agree that InterLab keeps the information I give to support me in my project (support), to suggest a "
        "mentor to me (mentoring) and to produce anonymous statistics for its funders (statistics). I can see, "
        "correct or have my data erased at any time. My data is never passed on to the immigration authorities."
    ),
    "nl": (
        "Ik ga ermee akkoord dat InterLab de informatie die ik geef bewaart om mij te begeleiden bij mijn project "
        "(begeleiding), om mij een mentor voor te stellen (mentoraat) en om anonieme statistieken te maken voor de "
        "financiers (statistieken). Ik kan mijn gegevens op elk moment inkijken, verbeteren of laten wissen. Mijn "
        "gegevens worden nooit doorgegeven aan de immigratiediensten."
    ),
    "ar": (
        "أوافق على أن تحتفظ InterLab بالمعلومات التي أقدّمها لمرافقتي في مشروعي (المرافقة)، ولاقتراح مرشد أو "
        "مرشدة لي (الإرشاد)، ولإعداد إحصاءات مجهولة الهوية للجهات المموّلة (الإحصاءات). يمكنني الاطلاع على بياناتي "
        "أو تصحيحها أو طلب حذفها في أي وقت. لا تُرسَل بياناتي أبدًا إلى سلطات الهجرة."
    ),
    "uk": (
        "Я погоджуюся, щоб InterLab зберігав інформацію, яку я надаю, щоб супроводжувати мене в моєму проєкті "
        "(супровід), запропонувати мені ментора чи менторку (менторство) та готувати анонімну статистику для "
        "фінансувальників (статистика). Я можу будь-коли переглянути, виправити або видалити свої дані. Мої дані "
        "ніколи не передаються імміграційним органам."
    ),
    "es": (
        "Acepto que InterLab conserve la información que doy para acompañarme en mi proyecto (acompañamiento), "
        "para proponerme un mentor o una mentora (mentoría) y para elaborar estadísticas anónimas destinadas a los "
        "financiadores (estadísticas). Puedo consultar, corregir o hacer borrar mis datos en cualquier momento. Mis "
        "datos nunca se transmiten a las autoridades de inmigración."
    ),
}


def create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    ConsentText = apps.get_model("core", "ConsentText")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    for code, body in CONSENT.items():
        ConsentText.objects.get_or_create(
            key="intake", version=1, language=code, defaults={"body": body, "purposes": PURPOSES}
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_public_site"), ("core", "0002_initial"), ("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
