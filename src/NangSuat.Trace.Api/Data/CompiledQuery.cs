using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace NangSuat.Trace.Api.Data;

/// <summary>
/// A compiled EF query, compiled once per model. EF binds a compiled query to the model it first
/// runs with; a service has one model, but tests run SQLite and PostgreSQL apps side by side.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<object, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
