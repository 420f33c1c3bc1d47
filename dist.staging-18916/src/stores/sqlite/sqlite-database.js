//# sourceMappingURL=sqlite-database.js.map
