package value

// The documentation of the method tables: a signature and a one-line
// description per method, read by the editors' completion and hover
// (engine/complete). methods_test.go checks that every method of every table
// has one and that none documents a missing method.
//
// Signatures follow one small grammar, so completion can read the types in
// them (the return type of a chain, the parameter types of a lambda):
//
//	name(param: Type, optional?: Type, ...rest: Type) => Type
//	name: Type                                   (a property)
//
// Types are names (String, Int, Double, Number, Boolean, Time, Date, Object,
// Null, Any, ID, Ordering, Page), generics (Set<A>, Array<A>), unions
// (A | Null) and functions ((A => Boolean), ((B, A) => B)). A stands for the
// element of a Set or Array, or the document type of a Collection or
// Document; B for a type the caller chooses; Self, in the methods a Set and
// an Array share, for the receiver's own kind (Set or Array).

// doc is one method's documentation.
type doc struct{ sig, info string }

// seqDocs are the methods a Set and an Array share.
var seqDocs = map[string]doc{
	"aggregate":   {"aggregate(seed: B, reducer: ((B, A) => B)) => B", "Folds the elements from left to right, starting from the seed (the same as fold)."},
	"any":         {"any(predicate: (A => Boolean)) => Boolean", "True when the predicate holds for at least one element."},
	"concat":      {"concat(other: Self<A>) => Self<A>", "The elements followed by those of another Set or Array."},
	"count":       {"count() => Int", "The number of elements."},
	"distinct":    {"distinct() => Self<A>", "The elements with duplicates removed, in first-seen order."},
	"drop":        {"drop(amount: Int) => Self<A>", "The elements after skipping the first amount of them."},
	"every":       {"every(predicate: (A => Boolean)) => Boolean", "True when the predicate holds for every element."},
	"filter":      {"filter(predicate: (A => Boolean)) => Self<A>", "The elements for which the predicate is true (the same as where)."},
	"first":       {"first() => A | Null", "The first element, or null when there is none."},
	"firstWhere":  {"firstWhere(predicate: (A => Boolean)) => A | Null", "The first element for which the predicate is true, or null."},
	"flatMap":     {"flatMap(mapper: (A => Self<B>)) => Self<B>", "Maps each element to a Set or Array and joins the results into one."},
	"fold":        {"fold(seed: B, reducer: ((B, A) => B)) => B", "Combines the elements from left to right, starting from the seed."},
	"foldRight":   {"foldRight(seed: B, reducer: ((B, A) => B)) => B", "Combines the elements from right to left, starting from the seed."},
	"forEach":     {"forEach(callback: (A => Any)) => Null", "Calls the function on each element, for its effects (writes)."},
	"includes":    {"includes(value: A) => Boolean", "True when one of the elements equals the value."},
	"isEmpty":     {"isEmpty() => Boolean", "True when there are no elements."},
	"last":        {"last() => A | Null", "The last element, or null when there is none."},
	"lastWhere":   {"lastWhere(predicate: (A => Boolean)) => A | Null", "The last element for which the predicate is true, or null."},
	"map":         {"map(mapper: (A => B)) => Self<B>", "The result of the function for each element."},
	"nonEmpty":    {"nonEmpty() => Boolean", "True when there is at least one element."},
	"order":       {"order(...orderings: Ordering) => Self<A>", "The elements sorted: ascending by default, or by asc(...) and desc(...) keys."},
	"reduce":      {"reduce(reducer: ((A, A) => A)) => A | Null", "Combines the elements from left to right, the first one as the seed; null when empty."},
	"reduceRight": {"reduceRight(reducer: ((A, A) => A)) => A | Null", "Combines the elements from right to left, the last one as the seed; null when empty."},
	"reverse":     {"reverse() => Self<A>", "The elements in reverse order."},
	"take":        {"take(amount: Int) => Self<A>", "At most the first amount of elements."},
	"toArray":     {"toArray() => Array<A>", "The elements as an Array (reads them all)."},
	"toSet":       {"toSet() => Set<A>", "The elements as a Set."},
	"where":       {"where(predicate: (A => Boolean)) => Self<A>", "The elements for which the predicate is true."},
}

// setDocs are the Set-only methods.
var setDocs = map[string]doc{
	"pageSize": {"pageSize(size: Int) => Set<A>", "The same Set, shown and paginated size elements at a time."},
	"paginate": {"paginate(size?: Int) => Page", "The first page of the Set: data and an after cursor for the rest."},
}

// arrayDocs are the Array-only methods and properties.
var arrayDocs = map[string]doc{
	"length":         {"length: Int", "The number of elements."},
	"append":         {"append(element: A) => Array<A>", "A new Array with the element added at the end."},
	"at":             {"at(index: Int) => A", "The element at the index; a negative index counts from the end."},
	"entries":        {"entries() => Array<Array<Any>>", "[index, element] pairs for each element."},
	"flatten":        {"flatten() => Array<Any>", "The elements of an Array of Arrays, one level joined."},
	"indexOf":        {"indexOf(value: A, start?: Int) => Int | Null", "The first index whose element equals the value, or null."},
	"indexWhere":     {"indexWhere(predicate: (A => Boolean), start?: Int) => Int | Null", "The first index whose element passes the predicate, or null."},
	"lastIndexOf":    {"lastIndexOf(value: A, end?: Int) => Int | Null", "The last index whose element equals the value, or null."},
	"lastIndexWhere": {"lastIndexWhere(predicate: (A => Boolean), end?: Int) => Int | Null", "The last index whose element passes the predicate, or null."},
	"prepend":        {"prepend(element: A) => Array<A>", "A new Array with the element added at the start."},
	"slice":          {"slice(from: Int, until?: Int) => Array<A>", "The elements from one index up to (not including) another."},
	"toString":       {"toString() => String", "The Array as FQL text."},
}

var stringDocs = map[string]doc{
	"length":          {"length: Int", "The number of characters."},
	"at":              {"at(index: Int) => String", "The character at the index; a negative index counts from the end."},
	"casefold":        {"casefold() => String", "The string folded for caseless comparison (lower case, ß as ss)."},
	"concat":          {"concat(other: String) => String", "The string followed by another."},
	"endsWith":        {"endsWith(suffix: String) => Boolean", "True when the string ends with the suffix."},
	"includes":        {"includes(pattern: String) => Boolean", "True when the string contains the pattern."},
	"includesRegex":   {"includesRegex(regex: String) => Boolean", "True when the regular expression matches somewhere in the string."},
	"indexOf":         {"indexOf(pattern: String, start?: Int) => Int | Null", "The index of the first occurrence of the pattern, or null."},
	"indexOfRegex":    {"indexOfRegex(regex: String, start?: Int) => Int | Null", "The index of the first match of the regular expression, or null."},
	"insert":          {"insert(index: Int, other: String) => String", "The string with another inserted at the index."},
	"lastIndexOf":     {"lastIndexOf(pattern: String, end?: Int) => Int | Null", "The index of the last occurrence of the pattern, or null."},
	"matchIndexes":    {"matchIndexes(regex: String) => Array<Array<Any>>", "[index, match] pairs for each match of the regular expression."},
	"matches":         {"matches(regex: String) => Array<String>", "Every substring the regular expression matches."},
	"parseDouble":     {"parseDouble() => Double | Null", "The string read as a Double, or null when it is not one."},
	"parseInt":        {"parseInt(radix?: Int) => Int | Null", "The string read as an Int (in the radix, 10 by default), or null."},
	"parseLong":       {"parseLong(radix?: Int) => Int | Null", "The string read as a Long (in the radix, 10 by default), or null."},
	"parseNumber":     {"parseNumber() => Number | Null", "The string read as an Int, or failing that a Double, or null."},
	"replace":         {"replace(pattern: String, replacement: String, amount?: Int) => String", "The string with the first (or first amount) occurrences of the pattern replaced."},
	"replaceAll":      {"replaceAll(pattern: String, replacement: String) => String", "The string with every occurrence of the pattern replaced."},
	"replaceAllRegex": {"replaceAllRegex(regex: String, replacement: String) => String", "The string with every match of the regular expression replaced."},
	"replaceRegex":    {"replaceRegex(regex: String, replacement: String, amount?: Int) => String", "The string with the first (or first amount) matches of the regular expression replaced."},
	"slice":           {"slice(from: Int, until?: Int) => String", "The characters from one index up to (not including) another."},
	"split":           {"split(separator: String) => Array<String>", "The parts of the string between the separators."},
	"splitAt":         {"splitAt(index: Int) => Array<String>", "The string cut in two at the index."},
	"splitRegex":      {"splitRegex(regex: String) => Array<String>", "The parts of the string between matches of the regular expression."},
	"startsWith":      {"startsWith(prefix: String) => Boolean", "True when the string starts with the prefix."},
	"toLowerCase":     {"toLowerCase() => String", "The string in lower case."},
	"toString":        {"toString() => String", "The string itself."},
	"toUpperCase":     {"toUpperCase() => String", "The string in upper case."},
	"trim":            {"trim() => String", "The string without white space at either end."},
	"trimEnd":         {"trimEnd() => String", "The string without white space at the end."},
	"trimStart":       {"trimStart() => String", "The string without white space at the start."},
}

var numberDocs = map[string]doc{
	"toString": {"toString() => String", "The value as text."},
}

var timeDocs = map[string]doc{
	"year":       {"year: Int", "The year, in UTC."},
	"month":      {"month: Int", "The month, 1 to 12."},
	"dayOfMonth": {"dayOfMonth: Int", "The day of the month, 1 to 31."},
	"dayOfWeek":  {"dayOfWeek: Int", "The day of the week, Monday 1 to Sunday 7."},
	"dayOfYear":  {"dayOfYear: Int", "The day of the year, 1 to 366."},
	"hour":       {"hour: Int", "The hour, 0 to 23, in UTC."},
	"minute":     {"minute: Int", "The minute, 0 to 59."},
	"second":     {"second: Int", "The second, 0 to 59."},
	"add":        {"add(amount: Int, unit: String) => Time", "The time moved later by an amount of a unit (\"days\", \"hours\", … \"nanoseconds\")."},
	"subtract":   {"subtract(amount: Int, unit: String) => Time", "The time moved earlier by an amount of a unit."},
	"difference": {"difference(start: Time, unit: String) => Int", "The whole units from another time to this one."},
	"toMicros":   {"toMicros() => Int", "Microseconds since the Unix epoch."},
	"toMillis":   {"toMillis() => Int", "Milliseconds since the Unix epoch."},
	"toSeconds":  {"toSeconds() => Int", "Seconds since the Unix epoch."},
	"toString":   {"toString() => String", "The time in ISO 8601 form."},
}

var dateDocs = map[string]doc{
	"year":       {"year: Int", "The year."},
	"month":      {"month: Int", "The month, 1 to 12."},
	"dayOfMonth": {"dayOfMonth: Int", "The day of the month, 1 to 31."},
	"dayOfWeek":  {"dayOfWeek: Int", "The day of the week, Monday 1 to Sunday 7."},
	"dayOfYear":  {"dayOfYear: Int", "The day of the year, 1 to 366."},
	"add":        {"add(amount: Int, unit: String) => Date", "The date moved later by a number of \"days\"."},
	"subtract":   {"subtract(amount: Int, unit: String) => Date", "The date moved earlier by a number of \"days\"."},
	"difference": {"difference(start: Date) => Int", "The days from another date to this one."},
	"toString":   {"toString() => String", "The date as YYYY-MM-DD."},
}

var documentDocs = map[string]doc{
	"id":          {"id: ID", "The document's id, unique in its collection."},
	"ts":          {"ts: Time", "When the document was last written."},
	"coll":        {"coll: Collection", "The collection the document belongs to."},
	"delete":      {"delete() => NullDoc", "Deletes the document."},
	"exists":      {"exists() => Boolean", "True when the document exists (it may have been deleted)."},
	"replace":     {"replace(data: Object) => A", "Replaces every field of the document with the given ones."},
	"update":      {"update(data: Object) => A", "Changes the given fields of the document and keeps the others; null removes one."},
	"updateData":  {"updateData(data: Object) => A", "update(), except that fields named id, coll, ts or data are kept in the document's data field rather than refused."},
	"replaceData": {"replaceData(data: Object) => A", "replace(), except that fields named id, coll, ts or data are kept in the document's data field rather than refused."},
}

var collectionDocs = map[string]doc{
	"name":       {"name: String", "The collection's name."},
	"all":        {"all() => Set<A>", "Every document of the collection, by id."},
	"byId":       {"byId(id: ID) => A | Null", "The document with this id, or a null document when there is none."},
	"create":     {"create(data: Object) => A", "Creates a document with the given fields (an id may be given too)."},
	"firstWhere": {"firstWhere(predicate: (A => Boolean)) => A | Null", "The first document for which the predicate is true, or null; reads an index when one fits."},
	"where":      {"where(predicate: (A => Boolean)) => Set<A>", "The documents for which the predicate is true; reads an index when one fits."},
}

var pageDocs = map[string]doc{
	"data":  {"data: Array<A>", "The elements on this page."},
	"after": {"after: String | Null", "The cursor of the next page (for Set.paginate), or null on the last page."},
}

// moduleDocs document the global modules' members.
var moduleDocs = map[string]map[string]doc{
	"Time": {
		"now":        {"now() => Time", "The time the query runs (the same throughout a query)."},
		"epoch":      {"epoch(amount: Int, unit: String) => Time", "The time an amount of a unit after the Unix epoch."},
		"fromString": {"fromString(time: String) => Time", "Reads an ISO 8601 time (the same as Time(...))."},
	},
	"Date": {
		"today":      {"today() => Date", "The date the query runs, in UTC."},
		"fromString": {"fromString(date: String) => Date", "Reads a YYYY-MM-DD date (the same as Date(...))."},
	},
	"Math": {
		"PI":       {"PI: Double", "The ratio of a circle's circumference to its diameter."},
		"E":        {"E: Double", "Euler's number, the base of natural logarithms."},
		"Infinity": {"Infinity: Double", "Positive infinity."},
		"NaN":      {"NaN: Double", "Not a number."},
		"abs":      {"abs(x: Number) => Number", "The absolute value."},
		"acos":     {"acos(x: Number) => Double", "The arc cosine, in radians."},
		"asin":     {"asin(x: Number) => Double", "The arc sine, in radians."},
		"atan":     {"atan(x: Number) => Double", "The arc tangent, in radians."},
		"cbrt":     {"cbrt(x: Number) => Double", "The cube root."},
		"ceil":     {"ceil(x: Number) => Number", "The smallest whole number not below x."},
		"cos":      {"cos(x: Number) => Double", "The cosine of an angle in radians."},
		"cosh":     {"cosh(x: Number) => Double", "The hyperbolic cosine."},
		"degrees":  {"degrees(radians: Number) => Double", "Radians converted to degrees."},
		"exp":      {"exp(x: Number) => Double", "e raised to the power x."},
		"floor":    {"floor(x: Number) => Number", "The largest whole number not above x."},
		"hypot":    {"hypot(x: Number, y: Number) => Double", "The square root of x² + y²."},
		"log":      {"log(x: Number) => Double", "The natural logarithm."},
		"log10":    {"log10(x: Number) => Double", "The base-10 logarithm."},
		"max":      {"max(...values: Number) => Number", "The largest of the numbers."},
		"mean":     {"mean(values: Array<Number>) => Double | Null", "The arithmetic mean of an Array of numbers; null when empty."},
		"min":      {"min(...values: Number) => Number", "The smallest of the numbers."},
		"pow":      {"pow(base: Number, exponent: Number) => Double", "The base raised to the exponent."},
		"radians":  {"radians(degrees: Number) => Double", "Degrees converted to radians."},
		"round":    {"round(x: Number, precision?: Int) => Number", "x rounded to the nearest, keeping precision digits after the point."},
		"sign":     {"sign(x: Number) => Number", "-1, 0 or 1 by the sign of x."},
		"sin":      {"sin(x: Number) => Double", "The sine of an angle in radians."},
		"sinh":     {"sinh(x: Number) => Double", "The hyperbolic sine."},
		"sqrt":     {"sqrt(x: Number) => Double", "The square root."},
		"sum":      {"sum(values: Array<Number>) => Number", "The sum of an Array of numbers."},
		"tan":      {"tan(x: Number) => Double", "The tangent of an angle in radians."},
		"tanh":     {"tanh(x: Number) => Double", "The hyperbolic tangent."},
		"trunc":    {"trunc(x: Number, precision?: Int) => Number", "x with its digits past precision dropped (towards zero)."},
	},
	"Set": {
		"paginate": {"paginate(cursor: String, size?: Int) => Page", "The next page of a Set, from the after cursor of a page."},
		"sequence": {"sequence(from: Int, until: Int) => Set<Int>", "The Ints from one number up to (not including) another."},
		"single":   {"single(element: B) => Set<B>", "A Set holding one element."},
	},
	"Array": {
		"sequence": {"sequence(from: Int, until: Int) => Array<Int>", "The Ints from one number up to (not including) another."},
	},
	"Collection": {
		"all":        {"all() => Set<CollectionDef>", "The definitions of every collection, by name."},
		"byName":     {"byName(name: String) => CollectionDef | Null", "A collection's definition, or null when there is none."},
		"create":     {"create(definition: Object) => CollectionDef", "Creates a collection: name, fields, indexes, constraints, computed_fields (usable from the next query)."},
		"firstWhere": {"firstWhere(predicate: (CollectionDef => Boolean)) => CollectionDef | Null", "The first definition for which the predicate is true."},
		"where":      {"where(predicate: (CollectionDef => Boolean)) => Set<CollectionDef>", "The definitions for which the predicate is true."},
	},
	"Function": {
		"all":        {"all() => Set<FunctionDef>", "The definitions of every user-defined function."},
		"byName":     {"byName(name: String) => FunctionDef | Null", "A function's definition, or null when there is none."},
		"create":     {"create(definition: Object) => FunctionDef", "Creates a function from name and body (a lambda as a String), callable by name from the next query."},
		"firstWhere": {"firstWhere(predicate: (FunctionDef => Boolean)) => FunctionDef | Null", "The first definition for which the predicate is true."},
		"where":      {"where(predicate: (FunctionDef => Boolean)) => Set<FunctionDef>", "The definitions for which the predicate is true."},
	},
	"Object": {
		"assign":      {"assign(destination: Object, source: Object) => Object", "The destination's fields merged with the source's (the source wins)."},
		"entries":     {"entries(object: Object) => Array<Array<Any>>", "[key, value] pairs for each field."},
		"fromEntries": {"fromEntries(entries: Array<Array<Any>>) => Object", "An Object built from [key, value] pairs."},
		"hasPath":     {"hasPath(object: Object, path: Array<Any>) => Boolean", "True when the path of keys and indexes leads to a value."},
		"keys":        {"keys(object: Object) => Array<String>", "The object's keys, in order."},
		"select":      {"select(object: Object, path: Array<Any>) => Any", "The value at the path of keys and indexes, or null."},
		"toString":    {"toString(object: Object) => String", "The value as FQL text."},
		"values":      {"values(object: Object) => Array<Any>", "The object's values, in key order."},
	},
}

// globalDocs document the global functions, and the modules themselves
// (a module that is callable shows how to call it).
var globalDocs = map[string]doc{
	"abort":      {"abort(value: Any) => Null", "Stops the query and undoes its writes, returning the value in the error."},
	"asc":        {"asc(key: (A => Any)) => Ordering", "Sorts order() ascending by the key."},
	"dbg":        {"dbg(value: B) => B", "Logs the value and returns it, to look inside an expression."},
	"desc":       {"desc(key: (A => Any)) => Ordering", "Sorts order() descending by the key."},
	"log":        {"log(...values: Any) => Null", "Prints the values to the query's log."},
	"newId":      {"newId() => ID", "A new unique document id."},
	"Time":       {"Time(time: String) => Time", "Reads an ISO 8601 time; the module of Time functions."},
	"Date":       {"Date(date: String) => Date", "Reads a YYYY-MM-DD date; the module of Date functions."},
	"Math":       {"Math", "Mathematical functions and constants."},
	"Set":        {"Set", "Functions that make Sets (sequence, single, paginate)."},
	"Array":      {"Array", "Functions that make Arrays (sequence)."},
	"Object":     {"Object", "Functions on Objects (keys, values, entries, assign, …)."},
	"Collection": {"Collection(name: String) => Any", "A collection by its name; the module of collection definitions (all, byName, create)."},
	"Function":   {"Function(name: String) => Any", "A user-defined function by its name; the module of function definitions (all, byName, create)."},
}
