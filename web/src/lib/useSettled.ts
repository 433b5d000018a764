// A value that follows its input once the input has stopped changing for a moment: a request per
// setting the reader arrives at, not per arrow press on the way there. Values compare by JSON.
import { useEffect, useRef, useState } from "react";

export function useSettled<T>(value: T, delayMs: number): T {
  const key = JSON.stringify(value);
  const latest = useRef(value);
  latest.current = value;
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value: latest.current }), delayMs);
    return () => clearTimeout(timer);
  }, [key, settled.key, delayMs]);
  return settled.value;
}
