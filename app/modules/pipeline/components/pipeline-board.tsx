import type { DragEndEvent, KeyboardCoordinateGetter } from "@dnd-kit/core";
import { DndContext, KeyboardSensor, MeasuringStrategy, PointerSensor, useDraggable, useDroppable, useSensor, useSensors } from "@dnd-kit/core";
import { Link, useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { LightDot } from "~/components/badges";
import type { ProjectStage } from "~/lib/domain-values";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { Light } from "~/lib/light";
import { formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";
import { formatCount } from "~/lib/format";
import { CellLink } from "~/components/cell-link";

export type Card = {
  id: number;
  name: string;
  investorName: string;
  ownerName: string | null;
  stage: ProjectStage;
  totalInvestmentWan: string | null;
  light: Light;
  nextAction: string | null;
  nextActionOn: string | null;
  nextActionOverdue: boolean;
  confidential: boolean;
  movable: boolean;
};
export type Column = { stage: ProjectStage; count: number; investmentWan: string; cards: Card[]; nextCursor: number | null };

/** Arrow keys jump a picked-up card to the neighbouring column (the default moves it a few pixels). */
const columnJump: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const step = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
  if (step === 0) return undefined;
  event.preventDefault();
  const from = (context.over?.id as ProjectStage | undefined) ?? (context.active?.data.current?.stage as ProjectStage | undefined);
  const index = from ? PROJECT_STAGES.indexOf(from) + step : -1;
  const target = PROJECT_STAGES[index];
  const rect = target ? context.droppableRects.get(target) : undefined;
  if (!rect) return currentCoordinates;
  return { x: rect.left + 8, y: rect.top + 48 };
};

/** The board: one droppable column per stage. Dropping a card on another column opens its stage form there. */
export function PipelineBoard({ columns, filterQuery }: { columns: Column[]; filterQuery: string }) {
  const t = useT();
  const navigate = useNavigate();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = active.data.current as { stage: ProjectStage } | undefined;
    if (!over || !card || over.id === card.stage) return;
    // Nothing is written here: the stage form applies the gates.
    navigate(`/projects/${active.id}/stage?to=${over.id}`);
  };
  return (
    <DndContext
      id="pipeline-board"
      sensors={sensors}
      // The columns are measured before a drag starts: the arrow keys jump to a column's measured box, and with the
      // default (measured once dragging has begun) an arrow pressed right after picking a card up found no box yet and
      // did nothing — a fast keyboard user, or a loaded machine, saw the card stay put.
      measuring={{ droppable: { strategy: MeasuringStrategy.BeforeDragging } }}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t("pipeline.dragHint") },
        announcements: {
          onDragStart: () => "",
          onDragOver: ({ over }) => (over ? t("pipeline.dropHere", { stage: t(`stage.${over.id as ProjectStage}`) }) : ""),
          onDragEnd: () => "",
          onDragCancel: () => "",
        },
      }}
    >
      <div className="board">
        {columns.map((c) => (
          <BoardColumn key={c.stage} column={c} filterQuery={filterQuery} />
        ))}
      </div>
    </DndContext>
  );
}

function BoardColumn({ column, filterQuery }: { column: Column; filterQuery: string }) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const fetcher = useFetcher<{ columns: Column[] }>();
  const [more, setMore] = useState<{ cards: Card[]; nextCursor: number | null } | null>(null);
  // New loader data (other filters) starts the column again.
  useEffect(() => setMore(null), [column]);
  useEffect(() => {
    const loaded = fetcher.data?.columns?.[0];
    if (fetcher.state === "idle" && loaded && loaded.stage === column.stage) {
      setMore((m) => ({ cards: [...(m?.cards ?? []), ...loaded.cards], nextCursor: loaded.nextCursor }));
    }
  }, [fetcher.data, fetcher.state, column.stage]);
  const cards = [...column.cards, ...(more?.cards ?? [])];
  const nextCursor = more ? more.nextCursor : column.nextCursor;
  const moreHref = (cursor: number) => `/pipeline?${filterQuery ? `${filterQuery}&` : ""}c_${column.stage}=${cursor}`;
  return (
    <section
      ref={setNodeRef}
      className={isOver ? "board-column over" : "board-column"}
      aria-label={t(`stage.${column.stage}`)}
      data-stage={column.stage}
    >
      <header>
        <h2>{t(`stage.${column.stage}`)}</h2>
        <div className="column-sum">
          <span>{t("pipeline.cards", { n: formatCount(column.count) })}</span>
          <span className="num">
            {formatWan(column.investmentWan)} {t("common.wan")}
          </span>
        </div>
      </header>
      <ol className="cards">
        {cards.map((card) => (
          <BoardCard key={card.id} card={card} />
        ))}
      </ol>
      {nextCursor ? (
        <Link
          className="button small more"
          to={moreHref(nextCursor)}
          preventScrollReset
          onClick={(e) => {
            // With JavaScript the next 50 are appended; without, the link opens the column from there.
            e.preventDefault();
            // "index" targets the board's own (index route) loader, not the layout's.
            fetcher.load(`${moreHref(nextCursor).replace("/pipeline?", "/pipeline?index&")}&column=${column.stage}`);
          }}
        >
          {fetcher.state !== "idle" ? t("pipeline.loading") : t("pipeline.more")}
        </Link>
      ) : null}
    </section>
  );
}

function BoardCard({ card }: { card: Card }) {
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    data: { stage: card.stage },
    disabled: !card.movable,
  });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <li ref={setNodeRef} style={style} className={isDragging ? "card dragging" : "card"} data-project={card.id}>
      <div className="card-title">
        <CellLink to={`/projects/${card.id}`}>{card.name}</CellLink>
        {card.movable ? (
          <button
            type="button"
            className="drag-handle"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`${t("pipeline.moveStage")}：${card.name}`}
          >
            ⠿
          </button>
        ) : null}
      </div>
      <div className="muted">{card.investorName}</div>
      <div className="card-facts">
        <span>{card.ownerName ?? "—"}</span>
        <span className="num">
          {formatWan(card.totalInvestmentWan)} {t("common.wan")}
        </span>
      </div>
      <div className="card-facts">
        <LightDot light={card.light} />
        {card.confidential ? <span className="badge confidential">{t("projects.confidential")}</span> : null}
        {card.movable ? (
          <CellLink to={`/projects/${card.id}/stage`} className="small-link">
            {t("pipeline.moveStage")}
          </CellLink>
        ) : null}
      </div>
      {card.nextAction ? (
        <div className={card.nextActionOverdue ? "next overdue" : "next"}>
          {t("pipeline.nextAction")}：{card.nextActionOn ?? ""} {card.nextAction}
        </div>
      ) : null}
    </li>
  );
}
