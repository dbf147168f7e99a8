using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Academy;

/// <summary>A reader's course registrations in their data export; closing the account ends them and frees their seats.</summary>
public sealed class RegistrationPersonalData(WartaDb db, Seating seating) : IPersonalData
{
    public string Section => "akademi";

    public async Task<object?> ExportAsync(Guid readerId, CancellationToken ct) =>
        await (from r in db.Registrations.AsNoTracking()
               join c in db.Courses.AsNoTracking() on r.CourseId equals c.Id
               where r.ReaderId == readerId
               orderby r.Id
               select new { Course = c.Title, c.Slug, Status = r.Status.ToString(), r.CreatedAt, r.ConfirmedAt, r.HeldUntil, r.OrderNumber }).ToListAsync(ct);

    public async Task EraseAsync(Guid readerId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Closing an account erases every share in one transaction: join it (a clash rolls the whole closing back).
            foreach (var registration in await db.Registrations.Where(r => r.ReaderId == readerId).ToListAsync(ct))
                await seating.EndAsync(db, registration, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var registration in await db.Registrations.Where(r => r.ReaderId == readerId).ToListAsync(ct))
                await seating.EndAsync(db, registration, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another node moved the waiting reader this seat was offered to: look again.
                await tx.RollbackAsync(ct);
            }
        }
    }
}
