// The examples menu: every example of Fauna's "GraphQL relations" page,
// the video app of the FQL data-relationships article (in GraphQL SDL and
// in FSL), and sorted and ranged indexes after Fauna's "Filter and sort
// with indexes" tutorial, each with a schema and ready queries.
const oneToMany = `type User {
  name: String!
  cars: [Car!] @relation
}

type Car {
  plate: String!
  owner: User!
}
`;

// The video app in FSL, as a v10 app declares it: the computed field
// reads the references back, so User.videos and Video.author are one
// relation.
const videoFSL = `collection User {
  name: String
  email: String
  unique [.email]
  compute videos: Set<Video> = (user => Video.where(.author == user))
}

collection Video {
  title: String
  author: Ref<User>
}

collection Permission {
  user: Ref<User>
  video: Ref<Video>
  index byUserAndVideo {
    terms [.user, .video]
  }
}
`;

// Products after Fauna's "Filter and sort with indexes" tutorial: indexes
// with values keep their documents sorted, and { from, to } reads a range.
const productsFSL = `// Prices are in cents: 2_99 is $2.99.
collection Category {
  name: String
  description: String
  unique [.name]
  index byName {
    terms [.name]
  }
  compute products: Set<Product> = (category => Product.where(.category == category))
}

collection Product {
  name: String
  description: String?
  price: Int
  // A product created without a stock has none.
  stock: Int = 0
  category: Ref<Category>

  compute inStock: Boolean = (product => product.stock > 0)
  check pricePositive (product => product.price > 0)

  // The whole collection, cheapest first (then by name).
  index sortedByPriceLowToHigh {
    values [.price, .name]
  }
  // A category's products, dearest first.
  index byCategory {
    terms [.category]
    values [desc(.price), .name]
  }
}
`;

export const examples = [
  {
    id: "video-app",
    group: "Video app (FQL data relationships)",
    title: "Video app (GraphQL SDL): users, videos, permissions",
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
    id: "video-app-fsl",
    group: "Video app (FQL data relationships)",
    title: "Video app (FSL)",
    schema: videoFSL,
    fql: `// Create two users, a video by Jane, and share it with Bob.
let jane = User.create({ name: "Jane", email: "jane@example.com" })
let bob = User.create({ name: "Bob", email: "bob@example.com" })
let video = Video.create({ title: "New Video", author: jane })
Permission.create({ user: bob, video: video })

// Jane's videos, read through the computed field:
User.byId(jane.id)! { name, videos { title } }
`,
    more: [
      { label: "Jane’s videos", fql: `let user = User.firstWhere(.email == "jane@example.com")!
Video.where(.author == user) { title, author { name } }` },
      { label: "May Bob see the video?", fql: `let user = User.firstWhere(.email == "bob@example.com")!
let video = Video.all().first()!
Permission.byUserAndVideo(user, video).nonEmpty()` },
      { label: "A second Jane (unique email)", fql: `User.create({ name: "Jane again", email: "jane@example.com" })` },
      { label: "Add a collection", fql: `// A schema change made by a query: the model views follow it.
Collection.create({
  name: "Comment",
  fields: {
    video: { signature: "Ref<Video>" },
    text: { signature: "String" }
  },
  indexes: { byVideo: { terms: [{ field: ".video" }] } }
})` },
    ],
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
  {
    id: "products-fsl",
    group: "Fauna docs: FQL and FSL",
    title: "Products: sorted and ranged indexes (FSL)",
    schema: productsFSL,
    fql: `// Two categories and their products.
let fruit = Category.create({ name: "fruit", description: "Fresh fruit" })
let veg = Category.create({ name: "vegetables", description: "Vegetables" })
Product.create({ name: "limes", description: "A bag of limes", price: 2_99, stock: 30, category: fruit })
Product.create({ name: "cherries", price: 5_49, stock: 12, category: fruit })
Product.create({ name: "pears", price: 1_50, category: fruit })
Product.create({ name: "onions", price: 99, stock: 80, category: veg })
Product.create({ name: "avocados", price: 3_99, stock: 5, category: veg })

// The products from $1.00 to $5.00, cheapest first:
Product.sortedByPriceLowToHigh({ from: 1_00, to: 5_00 }) { name, price }
`,
    more: [
      { label: "From $3.00 up", fql: `Product.sortedByPriceLowToHigh({ from: 3_00 }) { name, price }` },
      { label: "Fruit, dearest first", fql: `let fruit = Category.byName("fruit").first()!
Product.byCategory(fruit) { name, price, inStock }` },
      { label: "A category’s products", fql: `Category.byName("vegetables").first()! { name, products { name, stock } }` },
      { label: "A default stock", fql: `let fruit = Category.byName("fruit").first()!
Product.create({ name: "kiwis", price: 4_50, category: fruit }) { name, stock, inStock }` },
      { label: "A failed check", fql: `let fruit = Category.byName("fruit").first()!
Product.create({ name: "free lunch", price: 0, category: fruit })` },
      { label: "Collection.create", fql: `// A collection made by a query, with an index and a check.
Collection.create({
  name: "Review",
  fields: {
    product: { signature: "Ref<Product>" },
    stars: { signature: "Int" }
  },
  indexes: { byProduct: { terms: [{ field: ".product" }] } },
  constraints: [{ check: { name: "starsFromOneToFive", body: "review => review.stars >= 1 && review.stars <= 5" } }]
})` },
      { label: "A review", fql: `let limes = Product.sortedByPriceLowToHigh().where(.name == "limes").first()!
Review.create({ product: limes, stars: 4 })
Review.byProduct(limes) { stars, product { name } }` },
    ],
  },
];
