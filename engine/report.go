package engine

import (
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// SchemaReport is what SetSchema returns: what the database made of the SDL.
type SchemaReport struct {
	Collections []CollectionReport `json:"collections"`
	Relations   []RelationReport   `json:"relations"`
	Embedded    []EmbeddedReport   `json:"embedded"`
	Errors      []*diag.Error      `json:"errors"`
	FSL         string             `json:"fsl"`
	GraphQL     string             `json:"graphql"`
	// DataKept says the database is the one before: the schema defines the
	// same one (a comment or spacing changed), or it has errors and was not
	// applied (as Fauna refuses such a schema), so the data was kept.
	DataKept bool `json:"data_kept,omitempty"`
	// Language is what the schema text was read as: "graphql" or "fsl".
	Language  string           `json:"language"`
	Functions []FunctionReport `json:"functions"`
}

// FunctionReport is one user-defined function.
type FunctionReport struct {
	Name      string `json:"name"`
	Signature string `json:"signature"` // (a: String, b: Int): String
}

// CollectionReport is one collection of the report.
type CollectionReport struct {
	Name        string        `json:"name"`
	Fields      []FieldReport `json:"fields"`
	Indexes     []IndexReport `json:"indexes"`
	Associative bool          `json:"associative,omitempty"`
	// FSL: check constraints by name, a wildcard or schemaless collection,
	// and the retention settings as written.
	Checks      []string `json:"checks,omitempty"`
	Wildcard    bool     `json:"wildcard,omitempty"`
	Schemaless  bool     `json:"schemaless,omitempty"`
	HistoryDays *int64   `json:"history_days,omitempty"`
	TTLDays     *int64   `json:"ttl_days,omitempty"`
}

// FieldReport is one field of a collection or embedded type.
type FieldReport struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Computed bool   `json:"computed,omitempty"`
	Default  string `json:"default,omitempty"` // FSL: the FQL of the default
}

// IndexReport is one index.
type IndexReport struct {
	Name   string   `json:"name"`
	Terms  []string `json:"terms"`
	Unique bool     `json:"unique"`
	// Query is the field of the schema's `type Query` the index serves,
	// when it was made for one (Fauna named such indexes after the field).
	Query string `json:"query,omitempty"`
	// Values order the index's set (FSL), as written: ".price", "desc(.name)".
	Values []string `json:"values,omitempty"`
	// Constraint: the index of a unique constraint, not callable.
	Constraint bool `json:"constraint,omitempty"`
}

// SideReport is one end of a relation.
type SideReport struct {
	Type  string `json:"type"`
	Field string `json:"field"`
	List  bool   `json:"list"`
}

// RelationReport is one recognised relation.
type RelationReport struct {
	Name        string     `json:"name"`
	Cardinality string     `json:"cardinality"`
	From        SideReport `json:"from"`
	To          SideReport `json:"to"`
	Collection  string     `json:"collection"`
	Fields      []string   `json:"fields"`
}

// EmbeddedReport is one @embedded type.
type EmbeddedReport struct {
	Name   string        `json:"name"`
	Fields []FieldReport `json:"fields"`
}

func newReport(m *schema.Model) SchemaReport {
	r := SchemaReport{
		Collections: []CollectionReport{},
		Relations:   []RelationReport{},
		Embedded:    []EmbeddedReport{},
		Errors:      m.Errors,
		FSL:         m.FSL(),
		Language:    m.Language,
		Functions:   []FunctionReport{},
	}
	if r.Language == "" {
		r.Language = schema.GraphQL
	}
	for _, fn := range m.Functions {
		r.Functions = append(r.Functions, FunctionReport{Name: fn.Name, Signature: schema.FunctionSignature(fn)})
	}
	if r.Errors == nil {
		r.Errors = []*diag.Error{}
	}
	for _, c := range m.Collections {
		cr := CollectionReport{Name: c.Name, Fields: fieldReports(c.Fields), Indexes: []IndexReport{}, Associative: c.Associative,
			Wildcard: c.Wildcard, Schemaless: c.Schemaless, HistoryDays: c.HistoryDays, TTLDays: c.TTLDays}
		for _, ix := range c.Indexes {
			ir := IndexReport{Name: ix.Name, Terms: ix.Terms, Unique: ix.Unique, Query: ix.Query, Constraint: ix.Constraint}
			if ir.Terms == nil {
				ir.Terms = []string{}
			}
			if len(ix.Values) > 0 {
				ir.Values = strings.Split(schema.IndexValuesText(ix.Values), ", ")
			}
			cr.Indexes = append(cr.Indexes, ir)
		}
		for _, ch := range c.Checks {
			cr.Checks = append(cr.Checks, ch.Name)
		}
		r.Collections = append(r.Collections, cr)
	}
	for _, rel := range m.Relations {
		r.Relations = append(r.Relations, RelationReport{
			Name: rel.Name, Cardinality: rel.Cardinality,
			From:       SideReport(rel.From),
			To:         SideReport(rel.To),
			Collection: rel.Collection, Fields: rel.Fields,
		})
	}
	for _, et := range m.Embedded {
		r.Embedded = append(r.Embedded, EmbeddedReport{Name: et.Name, Fields: fieldReports(et.Fields)})
	}
	return r
}

func fieldReports(fs []*schema.Field) []FieldReport {
	out := []FieldReport{}
	for _, f := range fs {
		fr := FieldReport{Name: f.Name, Type: f.Type, Computed: f.Kind == schema.Computed}
		if f.Default != nil {
			fr.Default = f.Default.Src
		}
		out = append(out, fr)
	}
	return out
}
