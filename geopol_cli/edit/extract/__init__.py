"""`geopol extract`: records proposed from a source's held text (propose.py), for a person to confirm.

The names it knows (names.py, names.json), the words it reads acts, speech
and stances by (words.py), and the text cut into sentences and words with
their places (text.py). Nothing here writes: the command (cli/extract.py)
reviews the candidates and writes what is accepted through the change engine.
"""
