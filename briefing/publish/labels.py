"""The words of the player page and the transcripts, in the bulletin's language.

One table per language: the page's `lang` attribute is the bulletin's language only where the
page has words in it, because a screen reader reads the labels with the voice `lang` names.
Languages without a table get English words and `lang="en"`.
"""

from dataclasses import asdict, dataclass

from briefing.language import primary


@dataclass(frozen=True)
class Labels:
    """The page's words in one language (each field fills the placeholder of its name)."""

    skip: str
    """The skip link at the top of the page, to the transcript."""
    player: str
    chapters: str
    transcript: str
    keys: str
    """The heading of the list of keyboard shortcuts."""
    speed: str
    play: str
    pause: str
    prev: str
    next: str
    back: str
    forward: str
    follow: str
    """The check box that keeps the sentence being spoken scrolled into view."""
    chapter: str
    """Before a chapter's number: in the live region ("Chapter 2 of 5") and the WebVTT notes."""
    of: str
    download: str
    noaudio: str
    seek: str
    read: str
    """Before the presenters' names: `Read by Hannah and Joe`."""
    where: str
    """Before the current chapter's title, with its colon as the language sets it: `Now playing:`."""
    all_episodes: str
    """An episode of a daily show links back to the show's page: `{show}` is the show's title."""
    feed_link: str
    """An episode of a daily show links to the show's feed."""
    shortcuts: tuple[tuple[str, str], ...]
    """(keys as shown, what they do); `assets/player.js` implements them."""

    def words(self) -> dict[str, str]:
        """The labels by placeholder name, without the shortcuts."""
        data = asdict(self)
        del data["shortcuts"]
        return data


LABELS = {
    "en": Labels(
        skip="Skip to the transcript", player="Player", chapters="Chapters",
        transcript="Transcript", keys="Keyboard shortcuts", speed="Speed", play="Play",
        pause="Pause", prev="Previous chapter", next="Next chapter", back="Back 10 seconds",
        forward="Forward 10 seconds", follow="Follow along", chapter="Chapter", of="of",
        download="Download the MP3", noaudio="Your browser cannot play this audio.",
        seek="Play from here", read="Read by", where="Now playing:",
        all_episodes="All episodes of {show}", feed_link="Podcast feed (RSS)",
        shortcuts=(("K or Space", "Play or pause"), ("N", "Next chapter"),
                   ("P", "Previous chapter"), ("Right arrow or L", "Forward 10 seconds"),
                   ("Left arrow or J", "Back 10 seconds"), ("+ or ]", "Faster"),
                   ("- or [", "Slower"))),
    "es": Labels(
        skip="Ir a la transcripción", player="Reproductor", chapters="Capítulos",
        transcript="Transcripción", keys="Atajos de teclado", speed="Velocidad",
        play="Reproducir", pause="Pausa", prev="Capítulo anterior", next="Capítulo siguiente",
        back="Retroceder 10 segundos", forward="Avanzar 10 segundos", follow="Seguir la lectura",
        chapter="Capítulo", of="de", download="Descargar el MP3",
        noaudio="Su navegador no puede reproducir este audio.", seek="Reproducir desde aquí",
        read="Leído por", where="Reproduciendo:",
        all_episodes="Todos los episodios de {show}", feed_link="Feed del pódcast (RSS)",
        shortcuts=(("K o Espacio", "Reproducir o pausar"), ("N", "Capítulo siguiente"),
                   ("P", "Capítulo anterior"), ("Flecha derecha o L", "Avanzar 10 segundos"),
                   ("Flecha izquierda o J", "Retroceder 10 segundos"), ("+ o ]", "Más rápido"),
                   ("- o [", "Más despacio"))),
    "fr": Labels(
        skip="Aller à la transcription", player="Lecteur", chapters="Chapitres",
        transcript="Transcription", keys="Raccourcis clavier", speed="Vitesse", play="Lecture",
        pause="Pause", prev="Chapitre précédent", next="Chapitre suivant",
        back="Reculer de 10 secondes", forward="Avancer de 10 secondes",
        follow="Suivre la lecture", chapter="Chapitre", of="sur",
        download="Télécharger le MP3", noaudio="Votre navigateur ne peut pas lire cet audio.",
        seek="Lire à partir d'ici", read="Lu par", where="En cours de lecture :",
        all_episodes="Tous les épisodes de {show}", feed_link="Flux du podcast (RSS)",
        shortcuts=(("K ou Espace", "Lecture ou pause"), ("N", "Chapitre suivant"),
                   ("P", "Chapitre précédent"), ("Flèche droite ou L", "Avancer de 10 secondes"),
                   ("Flèche gauche ou J", "Reculer de 10 secondes"), ("+ ou ]", "Plus vite"),
                   ("- ou [", "Moins vite"))),
    "it": Labels(
        skip="Vai alla trascrizione", player="Lettore", chapters="Capitoli",
        transcript="Trascrizione", keys="Scorciatoie da tastiera", speed="Velocità",
        play="Riproduci", pause="Pausa", prev="Capitolo precedente", next="Capitolo successivo",
        back="Indietro di 10 secondi", forward="Avanti di 10 secondi",
        follow="Segui la lettura", chapter="Capitolo", of="di", download="Scarica l'MP3",
        noaudio="Il tuo browser non può riprodurre questo audio.", seek="Riproduci da qui",
        read="Letto da", where="In riproduzione:",
        all_episodes="Tutti gli episodi di {show}", feed_link="Feed del podcast (RSS)",
        shortcuts=(("K o Spazio", "Riproduci o metti in pausa"), ("N", "Capitolo successivo"),
                   ("P", "Capitolo precedente"), ("Freccia destra o L", "Avanti di 10 secondi"),
                   ("Freccia sinistra o J", "Indietro di 10 secondi"), ("+ o ]", "Più veloce"),
                   ("- o [", "Più lento"))),
    "pt": Labels(
        skip="Ir para a transcrição", player="Player", chapters="Capítulos",
        transcript="Transcrição", keys="Atalhos de teclado", speed="Velocidade",
        play="Reproduzir", pause="Pausar", prev="Capítulo anterior", next="Próximo capítulo",
        back="Voltar 10 segundos", forward="Avançar 10 segundos", follow="Acompanhar a leitura",
        chapter="Capítulo", of="de", download="Baixar o MP3",
        noaudio="Seu navegador não consegue reproduzir este áudio.",
        seek="Reproduzir a partir daqui", read="Lido por", where="Tocando agora:",
        all_episodes="Todos os episódios de {show}", feed_link="Feed do podcast (RSS)",
        shortcuts=(("K ou Espaço", "Reproduzir ou pausar"), ("N", "Próximo capítulo"),
                   ("P", "Capítulo anterior"), ("Seta para a direita ou L", "Avançar 10 segundos"),
                   ("Seta para a esquerda ou J", "Voltar 10 segundos"), ("+ ou ]", "Mais rápido"),
                   ("- ou [", "Mais devagar"))),
    "de": Labels(
        skip="Zum Transkript springen", player="Player", chapters="Kapitel",
        transcript="Transkript", keys="Tastenkürzel", speed="Geschwindigkeit",
        play="Abspielen", pause="Pause", prev="Vorheriges Kapitel", next="Nächstes Kapitel",
        back="10 Sekunden zurück", forward="10 Sekunden vor", follow="Mitlesen",
        chapter="Kapitel", of="von", download="MP3 herunterladen",
        noaudio="Ihr Browser kann dieses Audio nicht abspielen.", seek="Ab hier abspielen",
        read="Gelesen von", where="Aktuell:",
        all_episodes="Alle Folgen von {show}", feed_link="Podcast-Feed (RSS)",
        shortcuts=(("K oder Leertaste", "Abspielen oder Pause"), ("N", "Nächstes Kapitel"),
                   ("P", "Vorheriges Kapitel"), ("Pfeil rechts oder L", "10 Sekunden vor"),
                   ("Pfeil links oder J", "10 Sekunden zurück"), ("+ oder ]", "Schneller"),
                   ("- oder [", "Langsamer"))),
}


def page_language(language: str) -> str:
    """The `lang` of the page and transcripts: the bulletin's language where there are words in
    it, else English."""
    return language if primary(language) in LABELS else "en"


def labels_for(language: str) -> Labels:
    """The words in `language`; English for languages without a table."""
    return LABELS[primary(page_language(language))]


@dataclass(frozen=True)
class CutWords:
    """The transcripts' notes on a story, in one language: brief mode shortened it, other outlets
    reported it too."""

    shortened: str
    """With `{kept}` and `{total}`: sentences of the story spoken, of how many."""
    full: str
    """Before the story's link."""
    also: str
    """Before the other outlets that reported a story told once for several."""


CUT_WORDS = {
    "en": CutWords("Shortened to fit: {kept} of {total} sentences.", "Read the full story:",
                   "Also reported by"),
    "es": CutWords("Resumida para ajustarse al tiempo: {kept} de {total} frases.",
                   "Lea la noticia completa:", "También informaron"),
    "fr": CutWords("Raccourci pour tenir dans le temps : {kept} phrases sur {total}.",
                   "Lire l'article complet :", "Également rapporté par"),
    "it": CutWords("Abbreviata per rientrare nei tempi: {kept} frasi su {total}.",
                   "Leggi la notizia completa:", "Riportata anche da"),
    "pt": CutWords("Resumida para caber no tempo: {kept} de {total} frases.",
                   "Leia a notícia completa:", "Também noticiado por"),
    "de": CutWords("Gekürzt, damit die Sendung passt: {kept} von {total} Sätzen.",
                   "Die ganze Meldung lesen:", "Auch berichtet von"),
}


def cut_words(language: str) -> CutWords:
    """The note's words in `language`; English for languages without a table."""
    return CUT_WORDS[primary(page_language(language))]
