#!/usr/bin/env python3
"""Writes BPMN diagram data (BPMNDiagram) into a semantic BPMN file from a small layout spec.

layout JSON: {"nodes": {id: [cx, cy]}, "edges": {id: [[x,y], ...]}, "labels": {id: "below"|"above"},
              "expanded": {id: [width, height]}}
Node sizes follow the element type; an embedded sub-process listed in "expanded" is drawn open with that size, its
elements (positioned in "nodes" like all others) inside it. An edge without explicit waypoints runs from the source's right side to
the target's left side (straight when both centres share y, else an L with a vertical middle segment).
Boundary events are placed by their own centre in "nodes".
"""
import json, re, sys
import xml.etree.ElementTree as ET

NS = {'bpmn': 'http://www.omg.org/spec/BPMN/20100524/MODEL'}
SIZES = {'task': (100, 80), 'event': (36, 36), 'gateway': (50, 50), 'subProcess': (100, 80)}

def kind(tag):
    t = tag.split('}')[1]
    if t.endswith('Task') or t in ('task', 'callActivity', 'subProcess'):
        return 'task'
    if t.endswith('Event'):
        return 'event'
    if t.endswith('Gateway'):
        return 'gateway'
    return None

def main(src, layout_file, out):
    text = open(src).read()
    text = re.sub(r'\s*<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>', '', text, flags=re.S)
    layout = json.load(open(layout_file))
    root = ET.fromstring(text.encode())
    process = root.find('bpmn:process', NS)
    shapes, edges = [], []
    nodes = {}
    for el in process.iter():
        k = kind(el.tag)
        if k and el.get('id'):
            nodes[el.get('id')] = (k, el)
    missing = [i for i in nodes if i not in layout['nodes']]
    if missing:
        sys.exit('no position for ' + ', '.join(missing))
    box = {}
    for nid, (k, el) in nodes.items():
        cx, cy = layout['nodes'][nid]
        w, h = SIZES[k]
        extra = ' isMarkerVisible="true"' if el.tag.endswith('exclusiveGateway') else ''
        if nid in layout.get('expanded', {}):
            w, h = layout['expanded'][nid]
            extra = ' isExpanded="true"'
        box[nid] = (cx - w / 2, cy - h / 2, w, h)
        label = ''
        if k in ('event', 'gateway') and el.get('name'):
            pos = layout.get('labels', {}).get(nid, 'below' if k == 'event' else 'above')
            lw = 90
            lx = cx - lw / 2
            ly = cy + h / 2 + 6 if pos == 'below' else cy - h / 2 - 32
            label = f'\n        <bpmndi:BPMNLabel>\n          <dc:Bounds x="{lx:.0f}" y="{ly:.0f}" width="{lw}" height="27" />\n        </bpmndi:BPMNLabel>'
        shapes.append(f'      <bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}"{extra}>\n'
                      f'        <dc:Bounds x="{cx - w/2:.0f}" y="{cy - h/2:.0f}" width="{w}" height="{h}" />{label}\n'
                      f'      </bpmndi:BPMNShape>')
    for el in process.iter('{%s}sequenceFlow' % NS['bpmn']):
        fid = el.get('id')
        s, t = el.get('sourceRef'), el.get('targetRef')
        if fid in layout.get('edges', {}):
            pts = layout['edges'][fid]
        else:
            sx, sy, sw, sh = box[s]
            tx, ty, tw, th = box[t]
            a = (sx + sw, sy + sh / 2)
            b = (tx, ty + th / 2)
            if abs(a[1] - b[1]) < 1:
                pts = [a, b]
            else:
                mx = (a[0] + b[0]) / 2
                pts = [a, (mx, a[1]), (mx, b[1]), b]
        wps = '\n'.join(f'        <di:waypoint x="{x:.0f}" y="{y:.0f}" />' for x, y in pts)
        label = ''
        if el.get('name'):
            x0, y0 = pts[0]
            x1, y1 = pts[1]
            lx = (x0 + x1) / 2 - 20 if abs(y0 - y1) < 1 else x0 + 6
            ly = y0 - 22 if abs(y0 - y1) < 1 else (y0 + y1) / 2 - 10
            label = f'\n        <bpmndi:BPMNLabel>\n          <dc:Bounds x="{lx:.0f}" y="{ly:.0f}" width="40" height="14" />\n        </bpmndi:BPMNLabel>'
        edges.append(f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">\n{wps}{label}\n      </bpmndi:BPMNEdge>')
    pid = process.get('id')
    diagram = (f'  <bpmndi:BPMNDiagram id="BPMNDiagram_{pid.replace("-", "_")}">\n'
               f'    <bpmndi:BPMNPlane id="BPMNPlane_{pid.replace("-", "_")}" bpmnElement="{pid}">\n'
               + '\n'.join(shapes) + '\n' + '\n'.join(edges) +
               '\n    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n')
    text = text.replace('</bpmn:definitions>', diagram + '</bpmn:definitions>')
    open(out, 'w').write(text)

if __name__ == '__main__':
    main(*sys.argv[1:4])
