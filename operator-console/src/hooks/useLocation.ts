import { useEffect, useState } from 'preact/hooks';
import { currentLocation, subscribeLocation, type Location } from '../lib/router';

/** The current location, re-rendering the caller when it changes (including back/forward). */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => subscribeLocation(setLocation), []);
  return location;
}
