// The examples menu: every example of Fauna's "GraphQL relations" page and
// the video app of the FQL data-relationships article, each with a schema
// and ready queries.
const oneToMany = `type User {
  name: String!
  cars: [Car!] @relation
}

type Car {
  plate: String!
  owner: User!
}
`;

export const examples = [
  {
    id: "video-app",
    group: "Video app (FQL data relationships)",
    title: "Video app (FQL): users, videos, permissions",
    show: "fql", // run FQL then GraphQL, show the FQL
    schema: `type User {
  name: String!
  email: String! @unique
  videos: [Video!] @relation
}

type Video {
  title: String!
  duration: Int
  author: User!
}

type Permission {
  user: User!
  video: Video!
}
`,
    fql: `// Create two users, a video by Jane, and share it with Bob.
let jane = User.create({ name: "Jane", email: "jane@example.com" })
let bob = User.create({ name: "Bob", email: "bob@example.com" })
let user = User.firstWhere(.email == "jane@example.com")
let video = Video.create({
  title: "New Video",
  duration: 100,
  author: user
})
Permission.create({ user: bob, video: video })

// The videos Jane authored, with their author projected:
Video.where(.author == user) { title, author { name } }
`,
    more: [
      { label: "Jane’s videos", fql: `let user = User.firstWhere(.email == "jane@example.com")
Video.where(.author == user)` },
      { label: "A video’s author", fql: `let video = Video.all().first()!
Video.byId(video.id) {
  author {
    name
  }
}` },
      { label: "May Bob see the video?", fql: `let user = User.firstWhere(.email == "bob@example.com")
let video = Video.all().first()
Permission.where(.user == user && .video == video).nonEmpty()` },
    ],
    graphql: `{
  findUserByID(id: "360000110733021861") {
    name
    videos { data { title duration } }
  }
}`,
  },
  {
    id: "one-to-one",
    group: "Fauna docs: GraphQL relations",
    title: "One-to-one",
    run: ["graphql", "fql"],
    schema: `type User {
  name: String!
  car: Car
}

type Car {
  plate: String!
  owner: User
}
`,
    graphql: `mutation {
  createUser(data: { name: "Ann", car: { create: { plate: "ONE-1" } } }) {
    _id
    name
    car { plate owner { name } }
  }
}`,
    fql: `// Car stores the owner under a unique index: a second car for Ann fails.
let ann = User.all().first()!
Car.create({ plate: "TWO-2", owner: ann })`,
  },
  {
    id: "one-to-many",
    group: "Fauna docs: GraphQL relations",
    title: "One-to-many",
    schema: oneToMany,
    fql: `let jane = User.create({ name: "Jane" })
Car.create({ plate: "AAA-1234", owner: jane })
Car.create({ plate: "BBB-123", owner: jane })
jane { name, cars { plate } }`,
    graphql: `{
  findUserByID(id: "360000110733021861") {
    name
    cars { data { plate } }
  }
}`,
  },
  {
    id: "many-to-one",
    group: "Fauna docs: GraphQL relations",
    title: "Many-to-one",
    schema: `type User {
  name: String!
}

type Car {
  plate: String!
  owner: User!
}
`,
    fql: `let jane = User.create({ name: "Jane" })
Car.create({ plate: "AAA-1234", owner: jane })
Car.byOwner(jane) { plate, owner { name } }`,
  },
  {
    id: "many-to-many",
    group: "Fauna docs: GraphQL relations",
    title: "Many-to-many",
    run: ["graphql", "fql"],
    schema: `type User {
  name: String!
  drives: [Car!] @relation
}

type Car {
  plate: String!
  drivers: [User!] @relation
}
`,
    graphql: `mutation {
  createUser(data: {
    name: "Jane"
    drives: { create: [{ plate: "AAA-1234" }, { plate: "BBB-123" }] }
  }) {
    name
    drives { data { plate drivers { data { name } } } }
  }
}`,
    fql: `// The associative collection car_drivers holds the pairs.
car_drivers.all() { car { plate }, user { name } }`,
  },
  {
    id: "ambiguous",
    group: "Fauna docs: GraphQL relations",
    title: "Ambiguous relations: the error",
    schema: `type User {
  name: String!
  owns: Car!
}

type Car {
  plate: String!
  owner: User!
  driver: User!
}
`,
  },
  {
    id: "ambiguous-fixed",
    group: "Fauna docs: GraphQL relations",
    title: "Ambiguous relations: the @relation fix",
    schema: `type User {
  name: String!
  owns: Car! @relation(name: "car_owner")
}

type Car {
  plate: String!
  owner: User! @relation(name: "car_owner")
  driver: User!
}
`,
  },
  {
    id: "mutation-create",
    group: "Fauna docs: GraphQL relations",
    title: "Relational mutation: create",
    schema: oneToMany,
    graphql: `mutation {
  createUser(data: {
    name: "Jane"
    cars: {
      create: [
        { plate: "AAA-1234" }
        { plate: "BBB-123" }
      ]
    }
  }) {
    _id
    name
    cars {
      data {
        plate
      }
    }
  }
}`,
  },
  {
    id: "mutation-connect",
    group: "Fauna docs: GraphQL relations",
    title: "Relational mutation: connect",
    schema: oneToMany,
    setup: [{ op: "graphql", query: `mutation { createUser(data: { name: "Jane", cars: { create: [{ plate: "AAA-1234" }, { plate: "BBB-123" }] } }) { _id } }` }],
    graphql: `mutation {
  createCar(data: {
    plate: "CCC-123"
    owner: {
      connect: "360000110733021861"
    }
  }) {
    _id
    plate
    owner {
      name
    }
  }
}`,
  },
  {
    id: "mutation-disconnect",
    group: "Fauna docs: GraphQL relations",
    title: "Relational mutation: disconnect",
    schema: oneToMany,
    setup: [
      { op: "graphql", query: `mutation { createUser(data: { name: "Jane", cars: { create: [{ plate: "AAA-1234" }, { plate: "BBB-123" }] } }) { _id } }` },
      { op: "graphql", query: `mutation { createCar(data: { plate: "CCC-123", owner: { connect: "360000110733021861" } }) { _id } }` },
    ],
    graphql: `mutation {
  updateUser(id: "360000110733021861", data: {
    name: "Jane"
    cars: {
      disconnect: "360000326139544973"
    }
  }) {
    _id
    cars {
      data {
        plate
      }
    }
  }
}`,
  },
];
