using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Academy;

public sealed record AccountCourse(string Title, string Slug, DateTimeOffset StartsAt, RegistrationStatus Status, DateTimeOffset? HeldUntil, bool PaidWithoutSeat);

/// <summary>The reader's course registrations on their account page (<c>/akun</c>), which invokes it by name.</summary>
public sealed class AccountCoursesViewComponent(WartaDb db, ReaderUserManager readers) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!Guid.TryParse(readers.GetUserId(UserClaimsPrincipal), out var readerId)) return Content("");
        var courses = await (from r in db.Registrations.AsNoTracking()
                             join c in db.Courses.AsNoTracking() on r.CourseId equals c.Id
                             where r.ReaderId == readerId
                             orderby c.StartsAt descending
                             select new AccountCourse(c.Title, c.Slug, c.StartsAt, r.Status, r.HeldUntil, r.Status == RegistrationStatus.Waiting && r.PaidWaitingSince != null)).ToListAsync();
        return View("/Academy/_AccountCourses.cshtml", courses);
    }
}
