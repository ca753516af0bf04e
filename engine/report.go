package engine

import (
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
	// DataKept says the schema defines the same database as the one before
	// it (a comment or spacing changed), so the data was kept.
	DataKept bool `json:"data_kept,omitempty"`
}

// CollectionReport is one collection of the report.
type CollectionReport struct {
	Name        string        `json:"name"`
	Fields      []FieldReport `json:"fields"`
	Indexes     []IndexReport `json:"indexes"`
	Associative bool          `json:"associative,omitempty"`
}

// FieldReport is one field of a collection or embedded type.
type FieldReport struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Computed bool   `json:"computed,omitempty"`
}

// IndexReport is one index.
type IndexReport struct {
	Name   string   `json:"name"`
	Terms  []string `json:"terms"`
	Unique bool     `json:"unique"`
	// Query is the field of the schema's `type Query` the index serves,
	// when it was made for one (Fauna named such indexes after the field).
	Query string `json:"query,omitempty"`
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
	}
	if r.Errors == nil {
		r.Errors = []*diag.Error{}
	}
	for _, c := range m.Collections {
		cr := CollectionReport{Name: c.Name, Fields: fieldReports(c.Fields), Indexes: []IndexReport{}, Associative: c.Associative}
		for _, ix := range c.Indexes {
			cr.Indexes = append(cr.Indexes, IndexReport{Name: ix.Name, Terms: ix.Terms, Unique: ix.Unique, Query: ix.Query})
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
		out = append(out, FieldReport{Name: f.Name, Type: f.Type, Computed: f.Kind == schema.Computed})
	}
	return out
}
