using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.LabelPrinting;

/// <summary>Notes the first time a lot's own organization takes a label for it, so the home page can name the lots still without one.</summary>
public static class LabelsPrinted
{
    // One conditional UPDATE: no read first, no version bump, and printing is not a change to the registry's audit record.
    public static Task NoteAsync(TraceDb db, Guid lotId, TimeProvider clock, CancellationToken cancellationToken) =>
        db.Lots.Where(l => l.Id == lotId && l.LabelledAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.LabelledAt, clock.GetUtcNow()), cancellationToken);
}
