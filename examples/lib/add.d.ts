/** The npm package 'add' (2.x): a numerically stable sum of an array of numbers. */
declare module 'add' {
  function add(values: number[]): number;
  export default add;
}
