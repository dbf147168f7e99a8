using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Accounts.Readers;

namespace Warta.Web.Academy;

/// <summary>Where a registration stands. Held and Confirmed count against the course's seats; Waiting does not.</summary>
public enum RegistrationStatus
{
    /// <summary>No seat yet: in line for the next one that frees.</summary>
    Waiting,
    /// <summary>A seat is kept for the reader until <see cref="Registration.HeldUntil"/>, while they pay or confirm.</summary>
    Held,
    /// <summary>Paid (or free) and confirmed: the seat is theirs.</summary>
    Confirmed,
}

/// <summary>
/// A reader's place in a course: one per reader and course (a unique index). When it ends (expired, cancelled,
/// refunded, erased) the row goes, and its seat passes to the first reader waiting.
/// </summary>
public sealed class Registration
{
    /// <summary>Increasing, so the waiting list is in order of arrival.</summary>
    public long Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid ReaderId { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>For a held seat: when it is given to the next reader unless paid or confirmed.</summary>
    public DateTimeOffset? HeldUntil { get; set; }
    /// <summary>When a waiting reader was moved up to a held seat; the offer mail is due while <see cref="OfferMailedAt"/> is null.</summary>
    public DateTimeOffset? OfferedAt { get; set; }
    public DateTimeOffset? OfferMailedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>The confirmation mail with the calendar file is due while this is null on a confirmed registration.</summary>
    public DateTimeOffset? ConfirmationMailedAt { get; set; }
    /// <summary>
    /// Set when the reader paid while no seat was free (the order moved to paid after their held seat went to someone
    /// else): from then they wait first in line, ahead of every reader who has not paid, and the next seat that frees is
    /// confirmed to them at once (<see cref="Seating.OfferNextAsync"/>). Admins see them on the attendees page.
    /// </summary>
    public DateTimeOffset? PaidWaitingSince { get; set; }
    /// <summary>The mail telling a reader who paid without a seat where they stand is due while this is null.</summary>
    public DateTimeOffset? PaidWaitingMailedAt { get; set; }
    /// <summary>The order that pays (or, for a free course, records) the seat.</summary>
    public string? OrderNumber { get; set; }
    /// <summary>Changes on every move, so two nodes cannot hand the same waiting reader the same freed seat twice.</summary>
    public Guid Version { get; set; }
}

sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> b)
    {
        b.HasIndex(r => new { r.CourseId, r.ReaderId }).IsUnique();
        b.HasIndex(r => new { r.CourseId, r.Status, r.Id });
        b.HasIndex(r => r.ReaderId);
        b.Property(r => r.OrderNumber).HasMaxLength(50);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReaderUser>().WithMany().HasForeignKey(r => r.ReaderId).OnDelete(DeleteBehavior.Cascade);
    }
}
