/** Settings: the reminder, sharing with a team, and the engineer's own answers to export, import or delete. */
import { MyDataSection } from './MyDataSection';
import { ReminderSection } from './ReminderSection';
import { TeamSection } from './TeamSection';

export function Options() {
  return (
    <>
      <h1>Culture Pulse</h1>
      <p class="muted">
        A weekly pulse on impact, choice and improvement. Your answers and comments are stored only in this browser.
      </p>
      <p class="small">
        Managers: <a href="../trends/index.html">open the team trends page</a> with your manager code.
      </p>
      <ReminderSection />
      <TeamSection />
      <MyDataSection />
    </>
  );
}
