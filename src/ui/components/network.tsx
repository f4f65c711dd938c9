import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
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
  readonly r: number;
}

const WIDTH = 720;
const HEIGHT = 480;

/**
 * The co-mention network: nodes sized by articles, edges by shared articles, laid out by d3-force (run
 * to rest before drawing, so the picture is still and the same for the same data: d3-force seeds its
 * own randomness). Nodes are links to the actor's page, so the graph works with a keyboard too.
 */
export function Network({ nodes, edges, hrefFor, label }: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; hrefFor: (code: string) => string; label: string }) {
  const { route } = useLocation();
  const layout = useMemo(() => {
    const most = Math.max(1, ...nodes.map((n) => n.articles));
    const placed: Placed[] = nodes.map((node) => ({ node, r: 6 + 22 * Math.sqrt(node.articles / most) }));
    const byCode = new Map(placed.map((p) => [p.node.code, p]));
    const links: (SimulationLinkDatum<Placed> & { articles: number })[] = edges
      .filter((e) => byCode.has(e.source) && byCode.has(e.target))
      .map((e) => ({ source: byCode.get(e.source)!, target: byCode.get(e.target)!, articles: e.articles }));
    const strongest = Math.max(1, ...links.map((l) => l.articles));
    forceSimulation(placed)
      .force('charge', forceManyBody().strength(-260))
      .force('link', forceLink<Placed, (typeof links)[number]>(links).distance(110).strength((l) => 0.1 + 0.6 * (l.articles / strongest)))
      .force('collide', forceCollide<Placed>((p) => p.r + 4))
      .force('center', forceCenter(WIDTH / 2, HEIGHT / 2))
      .stop()
      .tick(300);
    for (const p of placed) {
      p.x = Math.max(p.r + 4, Math.min(WIDTH - p.r - 4, p.x ?? 0));
      p.y = Math.max(p.r + 14, Math.min(HEIGHT - p.r - 4, p.y ?? 0));
    }
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
