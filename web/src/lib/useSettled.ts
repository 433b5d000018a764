// A value that follows its input at once after a pause, and otherwise once the input has stopped
// changing for a moment: a click is asked for immediately, five arrow presses on a select make
// two requests (the first and the one they settle on), not five. Values compare by JSON.
import { useEffect, useRef, useState } from "react";

export function useSettled<T>(value: T, delayMs: number): T {
  const key = JSON.stringify(value);
  const latest = useRef(value);
  latest.current = value;
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const now = performance.now();
    const idle = now - lastChange.current > delayMs;
    lastChange.current = now;
    if (idle) {
      setSettled({ key, value: latest.current });
      return;
    }
    const timer = setTimeout(() => setSettled({ key, value: latest.current }), delayMs);
    return () => clearTimeout(timer);
  }, [key, settled.key, delayMs]);
  return settled.value;
}
