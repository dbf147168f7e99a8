using Microsoft.EntityFrameworkCore;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Academy;

/// <summary>
/// The seat rules, run on the caller's <see cref="WartaDb"/> inside its transaction (a registration, an order's move,
/// the upkeep pass). A seat is taken by one conditional UPDATE of <see cref="Course.SeatsTaken"/>: the database
/// applies them one at a time per row (SQLite's write lock, PostgreSQL's row lock with the condition checked again on
/// the newest row), so however many readers and nodes ask in the same second, no more seats are taken than there are.
/// </summary>
public sealed class Seating(TimeProvider clock)
{
    /// <summary>How long a waiting reader moved up has to pay or confirm before the seat goes to the next one.</summary>
    public static readonly TimeSpan OfferLifetime = OrderBook.PendingLifetime;

    /// <summary>Takes one seat if one is free; false when the course is full.</summary>
    public static async Task<bool> TryTakeAsync(WartaDb db, Guid courseId, CancellationToken ct) =>
        await db.Courses.Where(c => c.Id == courseId && c.SeatsTaken < c.Seats)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken + 1), ct) == 1;

    /// <summary>
    /// Ends a registration; a seat it held passes to the first reader waiting, or frees. The registration is deleted at
    /// once and only as it was read (its <see cref="Registration.Version"/>): when another node ended or moved it first,
    /// this throws <see cref="DbUpdateConcurrencyException"/> before touching the seat count, so a seat is never freed twice.
    /// The rest is saved with the caller's changes.
    /// </summary>
    public async Task EndAsync(WartaDb db, Registration registration, CancellationToken ct)
    {
        var deleted = await db.Registrations.Where(r => r.Id == registration.Id && r.Version == registration.Version).ExecuteDeleteAsync(ct);
        db.Entry(registration).State = EntityState.Detached;
        if (deleted == 0) throw new DbUpdateConcurrencyException($"Registration {registration.Id} was ended or moved by someone else.");
        if (registration.Status == RegistrationStatus.Waiting) return;
        await db.Courses.Where(c => c.Id == registration.CourseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken - 1), ct);
        await OfferNextAsync(db, registration.CourseId, registration.Id, ct);
    }

    /// <summary>
    /// The waiting list in the order it moves up: readers who already paid first (in the order they paid), then everyone
    /// else in the order they registered.
    /// </summary>
    public static IQueryable<Registration> WaitingLine(WartaDb db, Guid courseId) =>
        db.Registrations.Where(r => r.CourseId == courseId && r.Status == RegistrationStatus.Waiting)
            .OrderBy(r => r.PaidWaitingSince == null).ThenBy(r => r.PaidWaitingSince).ThenBy(r => r.Id);

    /// <summary>Where a waiting registration stands in <see cref="WaitingLine"/>: 1 for the first.</summary>
    public static Task<int> PlaceInLineAsync(WartaDb db, Registration waiting, CancellationToken ct)
    {
        var line = db.Registrations.Where(r => r.CourseId == waiting.CourseId && r.Status == RegistrationStatus.Waiting);
        return waiting.PaidWaitingSince is { } since
            ? line.CountAsync(r => r.PaidWaitingSince < since || (r.PaidWaitingSince == since && r.Id <= waiting.Id), ct)
            : line.CountAsync(r => r.PaidWaitingSince != null || r.Id <= waiting.Id, ct);
    }

    /// <summary>
    /// Gives a free seat to the first reader in <see cref="WaitingLine"/>: confirmed at once when they already paid, else
    /// held for them to pay or confirm. False when nobody waits or no seat is free. Two nodes picking the same reader
    /// collide on <see cref="Registration.Version"/> and one saves nothing.
    /// </summary>
    public async Task<bool> OfferNextAsync(WartaDb db, Guid courseId, long except, CancellationToken ct)
    {
        var next = await WaitingLine(db, courseId).Where(r => r.Id != except).FirstOrDefaultAsync(ct);
        if (next is null || !await TryTakeAsync(db, courseId, ct)) return false;
        var now = clock.GetUtcNow();
        next.Version = Guid.NewGuid();
        if (next.PaidWaitingSince is not null)
        {
            // Paid already: the seat is theirs, and the confirmation mail with the calendar file is due.
            Confirm(next, now);
            return true;
        }
        next.Status = RegistrationStatus.Held;
        next.HeldUntil = now + OfferLifetime;
        next.OfferedAt = now;
        next.OfferMailedAt = null;
        return true;
    }

    /// <summary>The seat is the reader's; the confirmation mail (<see cref="RegistrationMail"/>) is due.</summary>
    public static void Confirm(Registration registration, DateTimeOffset now)
    {
        registration.Status = RegistrationStatus.Confirmed;
        registration.HeldUntil = null;
        registration.ConfirmedAt = now;
        registration.ConfirmationMailedAt = null;
    }
}

/// <summary>The Academy's side of a course order: paid confirms the reader's seat, expiry, cancellation or refund frees it.</summary>
public sealed class CourseFulfiller(Seating seating, TimeProvider clock, ILogger<CourseFulfiller> log) : IOrderFulfiller
{
    public string Kind => OrderKinds.Course;

    public async Task ActivateAsync(WartaDb db, Order order, CancellationToken ct)
    {
        var courseId = CourseOf(order);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.CourseId == courseId && r.ReaderId == order.ReaderId, ct);
        if (registration is { Status: RegistrationStatus.Confirmed }) return;
        var seated = registration is { Status: RegistrationStatus.Held } || await Seating.TryTakeAsync(db, courseId, ct);
        if (registration is null)
        {
            // Paid after the order expired and the seat went: back in, with a seat if one is free.
            registration = new Registration { CourseId = courseId, ReaderId = order.ReaderId, CreatedAt = clock.GetUtcNow() };
            db.Registrations.Add(registration);
        }
        registration.OrderNumber = order.Number;
        registration.Version = Guid.NewGuid();
        var now = clock.GetUtcNow();
        if (!seated)
        {
            // The money is in and the course is full: the reader is not left silently at the back of the line. They wait
            // first, ahead of readers who have not paid, and take the next seat that frees at once; a mail tells them
            // so (and that they are refunded if none frees); the attendees page shows admins whom to seat or refund.
            registration.Status = RegistrationStatus.Waiting;
            registration.HeldUntil = null;
            registration.PaidWaitingSince ??= now;
            registration.PaidWaitingMailedAt = null;
            log.LogWarning("Order {Number} was paid for the full course {Course}; the reader waits first in line (add a seat or refund)", order.Number, courseId);
            return;
        }
        Seating.Confirm(registration, now);
    }

    public async Task ReleaseAsync(WartaDb db, Order order, CancellationToken ct)
    {
        var courseId = CourseOf(order);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.CourseId == courseId && r.ReaderId == order.ReaderId, ct);
        // A registration another order now pays for (the reader came back after this one expired) is not this order's to end.
        if (registration is null || (registration.OrderNumber is { } number && number != order.Number)) return;
        await seating.EndAsync(db, registration, ct);
    }

    static Guid CourseOf(Order order) =>
        Guid.TryParse(order.Reference, out var id) ? id : throw new InvalidOperationException($"Order {order.Number} does not name a course ('{order.Reference}').");
}
