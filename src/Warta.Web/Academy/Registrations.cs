using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Academy;

/// <summary>What became of a reader's request to register.</summary>
public enum RegisterOutcome
{
    /// <summary>A seat is held (a paid course: the reader goes on to pay) or already confirmed (a free course).</summary>
    Seated,
    /// <summary>The course is full: the reader is on the waiting list.</summary>
    Waiting,
    /// <summary>The reader already has a registration for this course; nothing changed.</summary>
    AlreadyRegistered,
    /// <summary>The course has started or ended; nothing changed.</summary>
    Closed,
}

/// <summary>Where the reader goes next: the payment page of a new order, or back to the registration page.</summary>
public sealed record RegisterResult(RegisterOutcome Outcome, string? PaymentUrl);

/// <summary>
/// The one way a reader takes a place in a course: a seat held atomically (<see cref="Seating"/>) or a place on the
/// waiting list, then the order through <see cref="ICheckout"/> (a free course is confirmed at once).
/// </summary>
public sealed class RegistrationDesk(WartaDb db, ICheckout checkout, RegistrationMail mail, TimeProvider clock)
{
    public Task<Registration?> FindAsync(Guid courseId, Guid readerId, CancellationToken ct = default) =>
        db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.CourseId == courseId && r.ReaderId == readerId, ct);

    public async Task<RegisterResult> RegisterAsync(Course course, ReaderUser reader, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (course.StartsAt <= now) return new(RegisterOutcome.Closed, null);
        if (await FindAsync(course.Id, reader.Id, ct) is not null) return new(RegisterOutcome.AlreadyRegistered, null);

        var registration = new Registration { CourseId = course.Id, ReaderId = reader.Id, CreatedAt = now, Version = Guid.NewGuid() };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var seated = await Seating.TryTakeAsync(db, course.Id, ct);
            registration.Status = seated ? RegistrationStatus.Held : RegistrationStatus.Waiting;
            registration.HeldUntil = seated ? now + OrderBook.PendingLifetime : null;
            db.Registrations.Add(registration);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same reader's second request in the same moment: the unique index keeps one, and this seat is given back.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new(RegisterOutcome.AlreadyRegistered, null);
            }
        }
        if (registration.Status == RegistrationStatus.Waiting) return new(RegisterOutcome.Waiting, null);
        return new(RegisterOutcome.Seated, await PayAsync(course, reader, registration.Id, ct));
    }

    /// <summary>
    /// A held seat without an order yet (a waiting reader moved up): opens the order. Null when there is nothing to pay
    /// now (free: confirmed at once) or the seat is no longer held for this reader.
    /// </summary>
    public async Task<string?> TakeOfferAsync(Course course, ReaderUser reader, CancellationToken ct = default)
    {
        var registration = await FindAsync(course.Id, reader.Id, ct);
        if (registration is not { Status: RegistrationStatus.Held, OrderNumber: null }) return null;
        // Claimed by one request only: a double click opens one order.
        var claimed = await db.Registrations.Where(r => r.Id == registration.Id && r.Status == RegistrationStatus.Held && r.OrderNumber == null && r.Version == registration.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, Guid.NewGuid()).SetProperty(r => r.HeldUntil, clock.GetUtcNow() + OrderBook.PendingLifetime), ct);
        return claimed == 1 ? await PayAsync(course, reader, registration.Id, ct) : null;
    }

    async Task<string?> PayAsync(Course course, ReaderUser reader, long registrationId, CancellationToken ct)
    {
        var description = "Kelas: " + course.Title;
        if (description.Length > 200) description = description[..200];
        var start = await checkout.StartAsync(reader, new OrderDraft(OrderKinds.Course, course.Id.ToString(), description, (long)course.Price), ct);
        await db.Registrations.Where(r => r.Id == registrationId && r.OrderNumber == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OrderNumber, start.OrderNumber), ct);
        if (course.Price > 0) return start.RedirectUrl;
        await mail.SendDueAsync(registrationId, ct);
        return null;
    }
}
