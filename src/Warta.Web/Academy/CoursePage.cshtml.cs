using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

[CachedPage("halaman")]
public sealed class CourseModel(WartaDb db, TimeProvider clock) : SitePage
{
    public Course Course { get; private set; } = null!;
    public bool Open { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Instructors).Include(c => c.Sessions).AsSplitQuery().SingleOrDefaultAsync(c => c.Slug == slug);
        if (course is null) return NotFound();
        Course = course;
        Open = course.StartsAt > clock.GetUtcNow();
        PageTitle = course.Title;
        Description = course.Summary;
        return Page();
    }
}
