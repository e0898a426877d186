"""Drive the real dossier window: drag across known phrases, tag each with a new tag,
check the text never moved mid-drag, then compare the saved quotes with the phrases."""
import subprocess, time, sys, re, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seg
D = {'DISPLAY': ':57', **os.environ}
OUT = os.environ.get('DRAG_OUT', '/tmp/drag')
os.makedirs(OUT, exist_ok=True)
def x(*a): subprocess.run(['xdotool', *map(str, a)], env=D, check=True)
def shot(name):
    subprocess.run(['import', '-window', 'root', '-display', ':57', f'{OUT}/{name}.png'], check=True)
    subprocess.run(['convert', f'{OUT}/{name}.png', f'{OUT}/{name}.ppm'], check=True)
    return seg.load(f'{OUT}/{name}.ppm')
X0, X1 = 436, 960
LINES = {  # y band start -> the line's text
    298: "President has talks with Azerbaijani, Kazakh, Dominican Republic leaders",
    332: "China and Kazakhstan should foster new growth engines in bilateral",
    349: "cooperation in fields such as green energy, artificial intelligence, e-commerce",
    383: "Road, President Xi Jinping said on Wednesday.",
    417: "Xi made the remark in a phone conversation with Kazakh President",
    502: "The friendship between China and Kazakhstan, as permanent comprehensive",
    519: "strategic partners, is built on a deep foundation and powered with strong",
    536: "impetus, Xi said.",
    570: "In promoting the high-quality building of the Belt and Road, Xi said the two",
    587: "sides should scale up cooperation in production capacity, trade, agriculture and",
    604: "infrastructure and keep improving their level of connectivity.",
    638: "The two nations should jointly build a green Silk Road, a health Silk Road and a",
    655: "digital Silk Road, adding that Beijing is willing to deepen cooperation in areas",
    672: "such as telemedicine and traditional medicine, he said.",
    706: "China will continue to offer help and support to Kazakhstan in its fight against",
}
# (line a, word a, line b, word b): 20 drags, some across lines, some right to left.
DRAGS = [
    (332, 0, 332, 2), (349, 4, 349, 6), (502, 3, 502, 5), (570, 3, 570, 4),
    (332, 5, 349, 0), (587, 4, 587, 7), (638, 7, 638, 9), (655, 5, 655, 8),
    (706, 9, 706, 9), (706, 0, 706, 3), (298, 4, 298, 5), (417, 6, 417, 9),
    (519, 8, 519, 6), (672, 2, 672, 5), (604, 3, 604, 7), (536, 0, 536, 2),
    (383, 1, 383, 3), (655, 0, 638, 14), (587, 9, 604, 0), (672, 0, 672, 1),
]
text = open(sys.argv[1], encoding='utf-8').read()
def span(line, i, j):
    """Char offsets in the article of words i..=j of a line (trailing punctuation off)."""
    t = LINES[line]
    words = [(m.start(), m.end()) for m in re.finditer(r'\S+', t)]
    at = text.index(t)
    s = at + words[i][0]
    e = at + words[j][1]
    while not text[e-1].isalnum(): e -= 1
    return s, e
w, h, px = shot('start')
bands = {a: (a, b) for a, b in seg.lines(px, w, X0, X1, 290, 760)}
boxes = {y: seg.words(px, w, X0, X1, *bands[y]) for y in LINES}
for y, t in LINES.items():
    assert len(boxes[y]) == len(t.split()), (y, len(boxes[y]), t)
results = []
for n, (la, wa, lb, wb) in enumerate(DRAGS, 1):
    (ya, _), (yb, _) = bands[la], bands[lb]
    ax = sum(boxes[la][wa]) // 2; ay = (bands[la][0] + bands[la][1]) // 2
    bx = sum(boxes[lb][wb]) // 2; by = (bands[lb][0] + bands[lb][1]) // 2
    if (la, wa) == (lb, wb):  # one word: drag across it, not a click on it
        ax, bx = boxes[la][wa][0] + 2, boxes[la][wa][1] - 2
    first, last = sorted([(la, wa), (lb, wb)])
    s, e = span(first[0], first[1], 0)[0], span(last[0], last[1], last[1])[1]
    expected = text[s:e]
    x('mousemove', ax, ay); time.sleep(0.2)
    x('mousedown', 1); time.sleep(0.15)
    moved = False
    for k in range(1, 6):
        x('mousemove', ax + (bx - ax) * k // 5, ay + (by - ay) * k // 5); time.sleep(0.12)
        if k in (1, 5):
            w2, h2, px2 = shot('mid')
            if seg.lines(px2, w2, X0, X1, 182, 290) != seg.lines(px, w, X0, X1, 182, 290):
                moved = True
    x('mouseup', 1); time.sleep(0.35)
    if n in (1, 4, 9, 20):
        shot(f'drag{n:02}')
    x('key', 't'); time.sleep(0.3)
    x('type', f'tag{n:02}'); time.sleep(0.2)
    x('key', 'Return'); time.sleep(0.4)
    results.append((n, expected, moved))
    print(n, repr(expected), 'text moved' if moved else 'text still', flush=True)
time.sleep(2.5)  # autosave
import json
out = open(f'{OUT}/results.json', 'w'); json.dump(results, out)
