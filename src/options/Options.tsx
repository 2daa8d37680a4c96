/** Settings and "my data": the reminder, and the engineer's own answers to export, import or delete. */
import { MyDataSection } from './MyDataSection';
import { ReminderSection } from './ReminderSection';

export function Options() {
  return (
    <>
      <h1>Culture Pulse</h1>
      <p class="muted">
        A weekly pulse on impact, choice and improvement. Your answers and comments are stored only in this browser.
      </p>
      <ReminderSection />
      <MyDataSection />
    </>
  );
}
