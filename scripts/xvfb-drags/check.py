import json,re,sys
import os
res=json.load(open(os.path.join(os.environ.get('DRAG_OUT', '/tmp/drag'), 'results.json')))
ron=open(sys.argv[1]).read()
tags=dict(re.findall(r'id: "([^"]+)",\s*name: "([^"]+)"',ron))
hs=re.findall(r'quote: "((?:[^"\\]|\\.)*)".*?tags: \[([^\]]*)\]',ron,re.S)
bytag={}
for q,t in hs:
    for tid in re.findall(r'"([^"]+)"',t):
        bytag[tags.get(tid,tid)]=q
ok=0; still=0
for n,exp,moved in res:
    got=bytag.get(f'tag{n:02}')
    good = got==exp
    ok+=good; still+= not moved
    print(n, 'OK ' if good else 'BAD', 'still' if not moved else 'MOVED', repr(exp), '' if good else repr(got))
print(ok,'of',len(res),'exact;',still,'of',len(res),'without the text moving')
