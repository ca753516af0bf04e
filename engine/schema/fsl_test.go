package schema

import (
	"strings"
	"testing"
)

func TestFSL(t *testing.T) {
	cases := []struct {
		name, sdl string
		want      []string
	}{
		{"one-to-many", `type User { name: String! cars: [Car!] @relation } type Car { plate: String! owner: User! }`, []string{
			"collection Car {\n  plate: String\n  owner: Ref<User>\n",
			"  index byOwner {\n    terms [.owner]\n  }\n",
			"collection User {\n  name: String\n  compute cars: Set<Car> = (doc => Car.byOwner(doc))\n}",
		}},
		{"one-to-one unique", `type User { name: String car: Car } type Car { plate: String! owner: User }`, []string{
			"  owner: Ref<User>?\n",
			"  unique [.owner]\n",
			"  compute car: Car? = (doc => Car.byOwner(doc).first())\n",
			"  name: String?\n",
		}},
		{"many-to-many", `type User { drives: [Car!] @relation } type Car { drivers: [User!] @relation }`, []string{
			"// Associative collection of the many-to-many relation \"car_drivers\".\ncollection car_drivers {\n  car: Ref<Car>\n  user: Ref<User>\n",
			"  index byCarAndUser {\n    terms [.car, .user]\n  }\n",
			"  compute drives: Set<Car> = (doc => car_drivers.byUser(doc).map(.car))\n",
		}},
		{"scalars embedded enum", `enum Role { ADMIN USER } type Address @embedded { city: String! } type P { n: Int l: Long f: Float! b: Boolean t: Time d: Date a: Address tags: [String!]! r: Role }`, []string{
			"  n: Int?\n  l: Long?\n  f: Double\n  b: Boolean?\n  t: Time?\n  d: Date?\n  a: { city: String }?\n  tags: Array<String>\n  r: (\"ADMIN\" | \"USER\")?\n",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := Parse(c.sdl)
			if len(m.Errors) > 0 {
				t.Fatal(m.Errors)
			}
			got := m.FSL()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("FSL lacks %q\n--- got ---\n%s", w, got)
				}
			}
		})
	}
}
