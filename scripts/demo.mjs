// Placeholder until the examples land: the demo arrives with examples/express-basic.
console.log('oauth1a demo: the full three-legged demo arrives with the examples (examples/express-basic).');
