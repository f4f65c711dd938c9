import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { useLocation } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { formatCount } from '../format.js';

export interface GraphNode {
  readonly code: string;
  readonly name: string;
  readonly articles: number;
}

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly articles: number;
}

interface Placed extends SimulationNodeDatum {
  readonly node: GraphNode;
  r: number;
}

const WIDTH = 960;
const HEIGHT = 540;

/**
 * The co-mention network: nodes sized by articles, edges by shared articles, laid out by d3-force (run
 * to rest before drawing, so the picture is still and the same for the same data: d3-force seeds its
 * own randomness). Nodes are links to the actor's page, so the graph works with a keyboard too.
 */
/**
 * The edges worth drawing: between frequent actors nearly every pair shares some article, and all of them
 * drawn is a hairball. Kept: the strongest edges overall (about two per node) and each node's strongest.
 */
function strongestEdges(edges: readonly GraphEdge[], nodes: number): GraphEdge[] {
  const sorted = [...edges].sort((a, b) => b.articles - a.articles);
  const kept = new Set(sorted.slice(0, nodes * 2));
  const seen = new Set<string>();
  for (const e of sorted) {
    for (const end of [e.source, e.target]) {
      if (seen.has(end)) continue;
      seen.add(end);
      kept.add(e);
    }
  }
  return [...kept];
}

/** Scales and moves the laid-out nodes (and their sizes, so none comes to overlap) to fill the drawing, labels included. */
function fitInto(placed: Placed[]): void {
  const margin = 30;
  const xs = placed.flatMap((p) => [(p.x ?? 0) - p.r, (p.x ?? 0) + p.r]);
  const ys = placed.flatMap((p) => [(p.y ?? 0) - p.r - 14, (p.y ?? 0) + p.r]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((WIDTH - 2 * margin) / Math.max(1, x1 - x0), (HEIGHT - 2 * margin) / Math.max(1, y1 - y0), 3);
  for (const p of placed) {
    p.x = margin + ((p.x ?? 0) - x0) * scale + (WIDTH - 2 * margin - (x1 - x0) * scale) / 2;
    p.y = margin + ((p.y ?? 0) - y0) * scale + (HEIGHT - 2 * margin - (y1 - y0) * scale) / 2;
    p.r = Math.max(3, p.r * Math.min(1, scale));
  }
}

export function Network({ nodes, edges, hrefFor, label }: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; hrefFor: (code: string) => string; label: string }) {
  const { route } = useLocation();
  const layout = useMemo(() => {
    const most = Math.max(1, ...nodes.map((n) => n.articles));
    const placed: Placed[] = nodes.map((node) => ({ node, r: 6 + 22 * Math.sqrt(node.articles / most) }));
    const byCode = new Map(placed.map((p) => [p.node.code, p]));
    const links: (SimulationLinkDatum<Placed> & { articles: number })[] = strongestEdges(edges, nodes.length)
      .filter((e) => byCode.has(e.source) && byCode.has(e.target))
      .map((e) => ({ source: byCode.get(e.source)!, target: byCode.get(e.target)!, articles: e.articles }));
    const strongest = Math.max(1, ...links.map((l) => l.articles));
    forceSimulation(placed)
      .force('charge', forceManyBody().strength(-300))
      .force('link', forceLink<Placed, (typeof links)[number]>(links).distance((l) => 40 + (l.source as Placed).r + (l.target as Placed).r).strength((l) => 0.05 + 0.25 * (l.articles / strongest)))
      .force('collide', forceCollide<Placed>((p) => p.r + 14).strength(1).iterations(4))
      // A gentle pull to the middle keeps weakly tied actors from drifting off and shrinking the rest.
      .force('x', forceX(WIDTH / 2).strength(0.07))
      .force('y', forceY(HEIGHT / 2).strength(0.12))
      .force('center', forceCenter(WIDTH / 2, HEIGHT / 2))
      .stop()
      .tick(400);
    fitInto(placed);
    return { placed, links, strongest };
  }, [nodes, edges]);

  if (nodes.length === 0) return null;
  return (
    <svg class="network" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={label}>
      <g class="edges" aria-hidden="true">
        {layout.links.map((l, i) => {
          const s = l.source as Placed;
          const t = l.target as Placed;
          return <line key={i} x1={s.x} y1={s.y} x2={t.x} y2={t.y} stroke-width={1 + 6 * (l.articles / layout.strongest)} />;
        })}
      </g>
      {layout.placed.map((p) => (
        // The router follows HTML links only (an SVG <a> is named "a", not "A"): follow this one here.
        <a
          key={p.node.code}
          href={hrefFor(p.node.code)}
          class="node"
          onClick={(event: MouseEvent) => {
            if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            route(hrefFor(p.node.code));
          }}
          aria-label={`${p.node.name} (${p.node.code}): ${formatCount(p.node.articles)} articles`}>
          <circle cx={p.x} cy={p.y} r={p.r} />
          <text x={p.x} y={(p.y ?? 0) - p.r - 3} text-anchor="middle">
            {p.node.name.length > 22 ? `${p.node.name.slice(0, 21)}…` : p.node.name}
          </text>
          <title>{`${p.node.name} (${p.node.code}): ${formatCount(p.node.articles)} articles`}</title>
        </a>
      ))}
    </svg>
  );
}
