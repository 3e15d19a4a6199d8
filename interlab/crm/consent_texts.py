"""The consent to share one's name with partner organisations, version 1, in each language of the interface.

A fresh install publishes it (migration 0015) so that the application form and the coach's file can ask for it in
the person's language. The French is the reference; the others say the same in plain words. Never edit a version
once published: a change is a new version, written by an admin.
"""

PARTNER_CONSENT_PURPOSES = ["partners"]  # choices.PARTNER_SHARING_PURPOSE

PARTNER_CONSENT_V1 = {
    "fr": (
        "J'accepte qu'InterLab transmette mon nom, mes coordonnées et les langues que je parle aux organisations "
        "partenaires vers lesquelles mon coach m'oriente (partenaires). Ma situation de séjour n'est jamais transmise."
    ),
    "en": (
        "I agree that InterLab passes on my name, my contact details and the languages I speak to the partner "
        "organisations my coach refers me to (partners). My residence situation is never passed on."
    ),
    "nl": (
        "Ik ga ermee akkoord dat InterLab mijn naam, mijn contactgegevens en de talen die ik spreek doorgeeft aan de "
        "partnerorganisaties naar wie mijn coach mij doorverwijst (partners). Mijn verblijfsstatus wordt nooit "
        "doorgegeven."
    ),
    "ar": (
        "أوافق على أن تُرسل InterLab اسمي وبيانات الاتصال بي واللغات التي أتحدّثها إلى المنظمات الشريكة التي "
        "يوجّهني إليها مرافقي (الشركاء). لا يُرسَل وضع إقامتي أبدًا."
    ),
    "uk": (
        "Я погоджуюся, щоб InterLab передавав моє ім’я, мої контактні дані та мови, якими я розмовляю, "
        "організаціям-партнерам, до яких мене направляє мій коуч (партнери). Мій статус перебування ніколи не "
        "передається."
    ),
    "es": (
        "Acepto que InterLab transmita mi nombre, mis datos de contacto y los idiomas que hablo a las organizaciones "
        "asociadas a las que mi coach me derive (organizaciones asociadas). Mi situación de residencia nunca se transmite."
    ),
}
