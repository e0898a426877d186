"""Find text lines and word boxes in the reader column of a screenshot (PPM)."""
import sys
def load(path):
    data = open(path, 'rb').read()
    # P6\nW H\n255\n
    parts = data.split(b'\n', 3)
    w, h = map(int, parts[1].split())
    return w, h, parts[3]
def ink(px, w, x, y):
    i = (y * w + x) * 3
    r, g, b = px[i], px[i+1], px[i+2]
    return (0.299*r + 0.587*g + 0.114*b) < 200
def lines(px, w, x0, x1, y0, y1):
    rows = [sum(ink(px, w, x, y) for x in range(x0, x1)) for y in range(y0, y1)]
    out, start = [], None
    for i, n in enumerate(rows + [0]):
        if n > 0 and start is None: start = i
        if n == 0 and start is not None:
            out.append((y0 + start, y0 + i)); start = None
    return out
def words(px, w, x0, x1, ya, yb, gap=4):
    cols = [any(ink(px, w, x, y) for y in range(ya, yb)) for x in range(x0, x1)]
    out, start, blank = [], None, 0
    for i, c in enumerate(cols + [False]*gap):
        if c:
            if start is None: start = i
            blank = 0; last = i
        elif start is not None:
            blank += 1
            if blank >= gap:
                out.append((x0 + start, x0 + last)); start = None
    return out
if __name__ == '__main__':
    w, h, px = load(sys.argv[1])
    x0, x1, y0, y1 = map(int, sys.argv[2:6])
    for (a, b) in lines(px, w, x0, x1, y0, y1):
        ws = words(px, w, x0, x1, a, b)
        print(f"y {a}-{b}: {len(ws)} words: " + " ".join(f"{s}-{e}" for s, e in ws))
