using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

/// <summary>
/// A signed-in reader's registration for one course: the form to register, then what became of it (confirmed with the
/// calendar file, a seat held until paid, or the place in the waiting list). Shown and posted under the reader policy,
/// so the form's antiforgery token belongs to this reader.
/// </summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class RegisterModel(WartaDb db, RegistrationDesk desk, ReaderUserManager readers, SiteOptions site, TimeProvider clock) : ReaderAccountPage
{
    protected override string Title => "Pendaftaran kelas";

    public Course Course { get; private set; } = null!;
    public Registration? Registration { get; private set; }
    /// <summary>1 for the first reader waiting.</summary>
    public int WaitingPosition { get; private set; }
    /// <summary>Where a held seat is paid: the gateway's page, or the order's own page for a bank transfer.</summary>
    public string? PaymentUrl { get; private set; }
    public bool Open { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) =>
        await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        var result = await desk.RegisterAsync(Course, reader, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case RegisterOutcome.AlreadyRegistered:
                Message = "Anda sudah terdaftar di kelas ini; pendaftaran hanya sekali per kelas.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case RegisterOutcome.Closed:
                Message = "Pendaftaran kelas ini sudah ditutup.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
        // The gateway's page is another site; the order page and this one are ours.
        return result.PaymentUrl is { } pay ? Redirect(pay) : LocalRedirect(AcademyRoutes.RegistrationUrlOf(slug));
    }

    /// <summary>A waiting reader moved up takes the seat held for them: pays, or is confirmed at once for a free course.</summary>
    public async Task<IActionResult> OnPostTakeAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        var pay = await desk.TakeOfferAsync(Course, reader, HttpContext.RequestAborted);
        return pay is not null ? Redirect(pay) : LocalRedirect(AcademyRoutes.RegistrationUrlOf(slug));
    }

    /// <summary>The course's sessions as a calendar file, for a confirmed reader.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string slug)
    {
        if (!await LoadAsync(slug) || Registration is not { Status: RegistrationStatus.Confirmed }) return NotFound();
        var calendar = CourseCalendar.Build(Course, site.Absolute(AcademyRoutes.CourseUrlOf(slug)), site.PublicBase.Host, clock.GetUtcNow());
        return File(Encoding.UTF8.GetBytes(calendar), CourseCalendar.ContentType, CourseCalendar.FileName(Course));
    }

    async Task<bool> LoadAsync(string slug)
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Instructors).Include(c => c.Sessions).AsSplitQuery().SingleOrDefaultAsync(c => c.Slug == slug);
        if (course is null) return false;
        Course = course;
        Open = course.StartsAt > clock.GetUtcNow();
        if (readers.GetUserId(User) is { } id && Guid.TryParse(id, out var readerId))
            Registration = await desk.FindAsync(course.Id, readerId);
        if (Registration is { Status: RegistrationStatus.Waiting } waiting)
            WaitingPosition = await Seating.PlaceInLineAsync(db, waiting, HttpContext.RequestAborted);
        if (Registration is { Status: RegistrationStatus.Held, OrderNumber: { } number })
            PaymentUrl = await db.Orders.Where(o => o.Number == number && o.Status == OrderStatus.Pending).Select(o => o.PaymentUrl ?? CommerceRoutes.Order(o.Number)).SingleOrDefaultAsync();
        return true;
    }
}
