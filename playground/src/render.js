// Rendering of the engine's reports into the page, with DOM nodes and
// textContent only: everything shown is user data.
export function h(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") n.className = v;
    else if (k === "dataset") Object.assign(n.dataset, v);
    else n.setAttribute(k, v);
  }
  for (const k of kids.flat()) n.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return n;
}

export function renderCollections(container, report) {
  container.replaceChildren();
  const embedded = new Map((report.embedded || []).map((e) => [e.name, e]));
  if (!report.collections.length) {
    container.append(h("p", { class: "empty" }, report.errors.length ? "Not applied: the schema has errors. The database keeps the schema it had, and queries run on it."
      : report.language === "fsl" ? "No collections yet: declare a collection." : "No collections yet: declare a type."));
  }
  const used = new Set();
  for (const c of report.collections) {
    const fields = fieldList(report, c.name, c.fields, embedded, used);
    const indexes = h("ul", { class: "indexes" });
    for (const ix of c.indexes) {
      const over = h("code", {}, ix.terms.map((t) => "." + t).join(", "));
      if (ix.constraint) {
        // A unique constraint, shown as FSL writes it: its index is not
        // called by name.
        indexes.append(h("li", { class: "index unique constraint", dataset: { name: ix.name } },
          h("code", {}, "unique"), " [", over, "]",
          h("span", { class: "badge unique", title: "a write that repeats these fields fails; not an index to call" }, "constraint")));
        continue;
      }
      indexes.append(h("li", { class: "index" + (ix.unique ? " unique" : ""), dataset: { name: ix.name } },
        h("code", {}, ix.name),
        ix.terms.length ? [" terms [", over, "]"] : ix.values?.length ? "" : " no terms: every document",
        ix.values?.length ? [" values [", h("code", {}, ix.values.join(", ")), "]"] : "",
        ix.unique ? h("span", { class: "badge unique" }, "unique") : "",
        ix.query ? h("span", { class: "badge query", title: `made for the field ${ix.query} of your type Query` }, `Query.${ix.query}`) : ""));
    }
    if (!c.indexes.length) indexes.append(h("li", { class: "none" }, "no indexes"));
    const checks = (c.checks || []).length
      ? [h("h4", {}, "Checks"), h("ul", { class: "checks" }, c.checks.map((n) => h("li", { class: "check", dataset: { name: n } }, h("code", {}, n))))]
      : "";
    container.append(h("article", { class: "collection" + (c.associative ? " associative" : ""), dataset: { name: c.name } },
      h("h3", {}, c.name, c.associative ? h("span", { class: "badge" }, "associative (many-to-many)") : "", collectionBadges(c)),
      fields, h("h4", {}, "Indexes"), indexes, checks));
  }
  if ((report.functions || []).length) {
    container.append(h("article", { class: "functions" },
      h("h3", {}, "Functions"),
      h("ul", { class: "fields" }, report.functions.map((f) => h("li", { class: "function", dataset: { name: f.name } },
        h("code", {}, f.name), h("code", { class: "type" }, f.signature))))));
  }
  // The embedded types no collection holds: listed on their own.
  for (const e of embedded.values()) fieldList(report, e.name, e.fields, embedded, used, new Set([e.name]));
  for (const e of embedded.values()) {
    if (used.has(e.name)) continue;
    container.append(h("article", { class: "collection embedded", dataset: { name: e.name, embedded: "" } },
      h("h3", {}, e.name, h("span", { class: "badge", title: "an @embedded type is stored inside the documents that hold it, not as a collection" }, "@embedded, not used by any collection")),
      fieldList(report, e.name, e.fields, embedded, new Set(), new Set([e.name]))));
  }
}

// collectionBadges: what an FSL collection declares of its documents as a
// whole (any shape, extra fields, retention).
function collectionBadges(c) {
  const days = (n) => `${n} ${n === 1 ? "day" : "days"}`;
  return [
    c.schemaless ? h("span", { class: "badge", title: "no fields declared: documents of any shape" }, "schemaless") : "",
    c.wildcard ? h("span", { class: "badge", title: "*: Any: fields beyond the declared ones are accepted" }, "*: Any") : "",
    c.history_days != null ? h("span", { class: "badge", title: "history_days: how long old versions are kept" }, `history ${days(c.history_days)}`) : "",
    c.ttl_days != null ? h("span", { class: "badge", title: "ttl_days: documents expire after this long" }, `ttl ${days(c.ttl_days)}`) : "",
  ];
}

// baseType is the type a field's type names, without list and non-null.
export const baseType = (t) => t.replace(/[[\]!]/g, "");

// fieldList lists a type's fields; a field of an @embedded type has that
// type's fields nested under it (a type inside itself is not opened again).
// used collects the embedded types met.
function fieldList(report, type, list, embedded, used, path = new Set()) {
  const ul = h("ul", { class: "fields" });
  for (const f of list) {
    const et = embedded.get(baseType(f.type));
    const li = h("li", { class: (f.computed ? "field computed" : "field") + (et ? " embeds" : ""), dataset: { name: f.name } },
      h("code", {}, f.name), ": ", h("code", { class: "type" }, f.type),
      f.default ? [" = ", h("code", { class: "default", title: "the default, written when a document has no value" }, f.default)] : "",
      f.computed ? h("span", { class: "badge", title: computedFrom(report, type, f.name) }, "computed") : "",
      et ? h("span", { class: "badge embedded", title: `${et.name} is @embedded: its fields are stored inside each ${type} document` }, "embedded") : "");
    if (et) {
      used.add(et.name);
      if (!path.has(et.name) && path.size < 4) {
        const inner = fieldList(report, et.name, et.fields, embedded, used, new Set([...path, et.name]));
        inner.classList.add("embedded");
        inner.dataset.embedded = et.name;
        li.append(inner);
      }
    }
    ul.append(li);
  }
  return ul;
}

// computedFrom says where a computed field reads from: the relation's
// references, stored on the other side (or in its associative collection).
function computedFrom(report, type, field) {
  const r = report.relations.find((r) => [r.from, r.to].some((s) => s.type === type && s.field === field));
  return r
    ? `Not stored in ${type} documents: read from the references in ${r.collection} (${r.fields.join(", ")})`
    : `Not stored in ${type} documents: computed when read`;
}

const reverse = { "one-to-one": "one-to-one", "one-to-many": "many-to-one", "many-to-one": "one-to-many", "many-to-many": "many-to-many" };

function side(s) { return s.field ? `${s.type}.${s.field}` : `${s.type} (no field)`; }

export function renderRelations(container, report) {
  container.replaceChildren();
  if (!report.relations.length) {
    // With errors the text is not applied: the database's relations stay
    // as they were, so "none" would be untrue.
    container.append(h("p", { class: "empty" }, report.errors?.length ? "None read: the schema has errors."
      : "No relations between collection types."));
    return;
  }
  for (const r of report.relations) {
    container.append(h("article", { class: "relation", dataset: { name: r.name, cardinality: r.cardinality } },
      h("h4", {}, h("code", {}, r.name), " ", h("span", { class: "badge" }, r.cardinality)),
      h("p", {}, `${side(r.from)} → ${side(r.to)}: ${r.cardinality}; read the other way, ${reverse[r.cardinality]}.`),
      h("p", { class: "where" }, "References live in ", h("code", {}, r.collection), " (", h("code", {}, r.fields.join(", ")), ").")));
  }
}

// renderErrors lists errors; one with a position is a button that shows it
// in the editor (onPick).
export function renderErrors(list, errors, onPick) {
  list.replaceChildren();
  for (const e of errors || []) {
    if (e.line && onPick) {
      const b = h("button", { type: "button", class: "linklike", title: `Show line ${e.line}, column ${e.column} in the editor` },
        h("span", { class: "pos" }, `${e.line}:${e.column}`), " ", e.message);
      b.addEventListener("click", () => onPick(e));
      list.append(h("li", { class: "error" }, b));
    } else {
      list.append(h("li", { class: "error" }, e.line ? `${e.line}:${e.column} ` : "", e.message));
    }
  }
}
